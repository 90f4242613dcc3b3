package dev.taskregistry.adapters.mcp.tools;

/**
 * The tools' input and output JSON Schemas. The task's is the REST API's {@code Task} (every field present,
 * null where nothing is known), so that a client validates what it gets through either door alike.
 */
final class ToolSchemas {

    private static final String TASK = """
            {"type":"object","additionalProperties":false,
             "required":["id","type","status","resource_url","estimated_completion","progress","created_at",
                         "updated_at","started_at","completed_at","query","completed_steps","total_steps",
                         "result","error","expires_at","version"],
             "properties":{
               "id":{"type":"string"},
               "type":{"type":"string"},
               "status":{"type":"string","enum":["pending","running","completed","failed","cancelled"]},
               "resource_url":{"type":"string"},
               "estimated_completion":{"type":["string","null"],"format":"date-time"},
               "progress":{"type":"number","minimum":0,"maximum":1},
               "created_at":{"type":"string","format":"date-time"},
               "updated_at":{"type":"string","format":"date-time"},
               "started_at":{"type":["string","null"],"format":"date-time"},
               "completed_at":{"type":["string","null"],"format":"date-time"},
               "query":{"type":["string","null"]},
               "completed_steps":{"type":"integer","minimum":0},
               "total_steps":{"type":["integer","null"],"minimum":1},
               "result":{"description":"Any JSON value the task completed with; null until then"},
               "error":{"type":["string","null"]},
               "expires_at":{"type":"string","format":"date-time"},
               "version":{"type":"integer","minimum":1}}}""";

    static final String GET_TASK_STATUS_INPUT = """
            {"type":"object","additionalProperties":false,"required":["task_id"],
             "properties":{"task_id":{"type":"string","minLength":1,"maxLength":128,
               "description":"The id the task was registered with"}}}""";

    static final String GET_TASK_STATUS_OUTPUT = TASK;

    static final String LIST_TASKS_INPUT = """
            {"type":"object","additionalProperties":false,
             "properties":{
               "status":{"type":"string","enum":["pending","running","completed","failed","cancelled"]},
               "type":{"type":"string","description":"Only tasks of this type"},
               "limit":{"type":"integer","minimum":1,"maximum":1000,"default":50},
               "cursor":{"type":"string","description":"The next_cursor of the previous page"}}}""";

    static final String LIST_TASKS_OUTPUT = """
            {"type":"object","additionalProperties":false,"required":["items","next_cursor"],
             "properties":{
               "items":{"type":"array","items":%s},
               "next_cursor":{"type":["string","null"],"description":"Pass it back as cursor; null on the last page"}}}""".formatted(TASK);

    static final String TASK_STATS_INPUT = """
            {"type":"object","additionalProperties":false,"properties":{}}""";

    static final String TASK_STATS_OUTPUT = """
            {"type":"object","additionalProperties":false,"required":["total_tasks","tasks_by_type","tasks_by_status"],
             "properties":{
               "total_tasks":{"type":"integer","minimum":0},
               "tasks_by_type":{"type":"object","additionalProperties":{"type":"integer","minimum":1}},
               "tasks_by_status":{"type":"object","additionalProperties":{"type":"integer","minimum":1}}}}""";

    private ToolSchemas() {}
}
