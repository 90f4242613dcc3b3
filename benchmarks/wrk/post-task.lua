-- wrk script: POST /tasks registering a new task each time (no id: the service generates one).
wrk.method = "POST"
wrk.body = '{"type":"equity_analysis","query":"analyse ACME","total_steps":10}'
wrk.headers["Content-Type"] = "application/json"
