-- wrk script: reads decisions of random subjects from the decisions API (issue 23), with a service
-- token, and counts the answers that are not the status expected.
-- Environment:
--   SUBJECTS  a file of subjects, one a line: "visitorId=<uuid>" or "userId=<account id>", each
--             optionally followed by a tab and an ETag, sent as If-None-Match (then 304 is expected)
--   TOKEN     the bearer token
--   BULK=n    posts n random subjects a request to .../decisions/query instead of one GET each
--   SITE      the site key, "bench" by default
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

local site = os.getenv("SITE") or "bench"
local bulk = tonumber(os.getenv("BULK") or "")
local headers = {}
headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local subjects, etags = {}, {}
local expected = 200

function init(args)
  math.randomseed(os.time() * 1000 + id)
  expected_seen, unexpected = 0, 0
  for line in io.lines(os.getenv("SUBJECTS")) do
    local subject, etag = line:match("^([^\t]+)\t?(.*)$")
    table.insert(subjects, subject)
    if etag ~= "" then etags[#subjects] = etag end
  end
  if next(etags) then expected = 304 end
  if bulk then headers["Content-Type"] = "application/json" end
end

local function subjectJson(subject)
  local key, value = subject:match("^(%w+)=(.*)$")
  return string.format('{"%s":"%s"}', key, value)
end

function request()
  if bulk then
    local picked = {}
    for i = 1, bulk do picked[i] = subjectJson(subjects[math.random(#subjects)]) end
    return wrk.format("POST", "/api/v1/sites/" .. site .. "/decisions/query", headers,
      '{"subjects":[' .. table.concat(picked, ",") .. ']}')
  end
  local i = math.random(#subjects)
  headers["If-None-Match"] = etags[i]
  return wrk.format("GET", "/api/v1/sites/" .. site .. "/decisions?" .. subjects[i], headers)
end

function response(status, headers, body)
  if status == expected then expected_seen = expected_seen + 1 else unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("expected_seen")
    bad = bad + thread:get("unexpected")
  end
  io.write(string.format("ANSWERS expected=%d unexpected=%d requests=%d\n", ok, bad, summary.requests))
  io.write(string.format("LATENCY_MS p50=%.2f p90=%.2f p99=%.2f max=%.2f\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
