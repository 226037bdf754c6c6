-- wrk script: posts realistic, distinct consent events (fresh eventIds, a mix of types and
-- countries) and counts the answers by status, so runs can check rows against acknowledgements.
-- BATCH=n sends n events per request to the batch endpoint (as a banner with several events per
-- page view would); each event of a batch counts on its own.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

local types = { "NOTICE_SHOWN", "BANNER_CLOSED", "BROWSING_CONTINUED", "ACCEPT_ALL", "REJECT_ALL",
                "PREFERENCES_SAVED", "WITHDRAWN" }
local countries = { "DE", "FR", "IT", "US", "GB", "BR", "NO", "JP", "IN", "ES" }
local sequence = 0

-- PACE_MS set: each connection waits that long before each request, for a fixed offered rate.
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace then
  function delay() return pace end
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  created, replayed, failed = 0, 0, 0
  -- Every acknowledged eventId goes to a file, so the run can prove none of them is missing.
  local dir = os.getenv("ACK_DIR")
  if dir then acks = io.open(string.format("%s/acks-%d.txt", dir, id), "w") end
end

local function hex(n)
  local out = {}
  for i = 1, n do out[i] = string.format("%x", math.random(0, 15)) end
  return table.concat(out)
end

local batch = tonumber(os.getenv("BATCH") or "")
local random_ids = os.getenv("EVENT_IDS") == "random"

local function event()
  sequence = sequence + 1
  -- Thread id and a counter in the last group make every eventId unique across threads. Like the
  -- banner's, an eventId starts with the time (version 7; to the second here, as Lua's clock
  -- goes); EVENT_IDS=random sends version 4 ids, random from the first digit, as other clients may.
  local eventId
  if random_ids then
    eventId = string.format("%s-%s-4%s-a%s-%02x%010x", hex(8), hex(4), hex(3), hex(3), id, sequence)
  else
    local ms = string.format("%012x", os.time() * 1000)
    eventId = string.format("%s-%s-7%s-a%s-%02x%010x", ms:sub(1, 8), ms:sub(9, 12), hex(3), hex(3), id, sequence)
  end
  local visitorId = string.format("%s-%s-4%s-b%s-%s", hex(8), hex(4), hex(3), hex(3), hex(12))
  local kind = types[math.random(#types)]
  local categories = ""
  if kind == "PREFERENCES_SAVED" then categories = ',"categories":["analytics"]' end
  return string.format(
    '{"eventId":"%s","visitorId":"%s","type":"%s","pageUrl":"https://www.example.com/article/%d?utm_source=x",' ..
    '"language":"en-US"%s}', eventId, visitorId, kind, math.random(1, 5000), categories)
end

function request()
  local body
  if batch then
    local events = {}
    for i = 1, batch do events[i] = event() end
    body = '{"events":[' .. table.concat(events, ",") .. ']}'
  else
    body = event()
  end
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["X-Country"] = countries[math.random(#countries)]
  headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) bench"
  return wrk.format("POST", nil, headers, body)
end

local function count(status, eventId)
  if acks and (status == 201 or status == 200) then acks:write(eventId, "\n") end
  if status == 201 then created = created + 1
  elseif status == 200 then replayed = replayed + 1
  else failed = failed + 1 end
end

function response(status, headers, body)
  if batch and status == 200 then
    -- Each item: "index", then its "eventId" and "status" (the record nested in it has its own eventId).
    for eventId, itemStatus in string.gmatch(body, '"eventId":"([^"]+)","status":(%d+)') do
      count(tonumber(itemStatus), eventId)
    end
  else
    count(status, string.match(body, '"eventId":"([^"]+)"'))
  end
  if acks then acks:flush() end
end

function done(summary, latency, requests)
  local c, r, f = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    r = r + thread:get("replayed")
    f = f + thread:get("failed")
  end
  io.write(string.format("ACKS created=%d replayed=%d failed=%d\n", c, r, f))
  io.write(string.format("LATENCY_MS p50=%.2f p90=%.2f p99=%.2f max=%.2f\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
