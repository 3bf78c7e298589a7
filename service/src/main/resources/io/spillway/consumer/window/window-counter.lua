-- One round trip per Kafka poll: counts the poll's changes into the pipeline's window, closes windows
-- on count, time, or a forced reason (manual, memory), and tells the caller how its changes split.
--
-- KEYS[1]  the pipeline hash (spillway:pipeline:{<pipeline_name>}); KEYS[2] and KEYS[3] share its hash tag
-- KEYS[2]  the pipeline's closed-window hash: field <seq> -> '<window_id> <reason>', the last ARGV[10] only
-- KEYS[3]  the open window's counted ranges: field '<topic>:<partition>' -> '<window_id> <first> <next>', the
--          offsets [first, next) of that partition already counted into that window; emptied when it closes
-- ARGV[1]  now, epoch ms            ARGV[2]  now, ISO-8601
-- ARGV[3]  changes in this poll     ARGV[4]  max_event        ARGV[5]  max_time in ms
-- ARGV[6]  forced close reason ('' | manual | memory)
-- ARGV[7]  caller's open window id ('' when it holds none)   ARGV[8] how many changes it holds
-- ARGV[9]  when the caller's window opened (ms)               ARGV[10] closed windows kept (bound)
-- ARGV[11] closed hash ttl (s)      ARGV[12] event_type (op of the poll's last change)
-- ARGV[13] table_name  ARGV[14] schema_name  ARGV[15] db_name  ARGV[16] records dead-lettered in this poll
-- ARGV[17] consumer_id              ARGV[18] pipeline_name
-- ARGV[19] R, the poll's runs; then R triples '<topic>:<partition>', first offset, length: the poll's changes
--          in order, each run consecutive offsets of one partition (the lengths add up to ARGV[3])
-- then     H, the partitions of the caller's open window; then H triples '<topic>:<partition>', first, next
--
-- A change read again (after a crash, or a dropped window whose forget did not reach Redis) whose offset is
-- in its partition's counted range of the open window is placed in that window without counting it again.
--
-- Returns {entry_window_id, caller_window_closed_reason, window_id, count, opened_ms, id1, reason1, take1, ...}:
-- the window the poll's first change joins, why the caller's own window closed meanwhile ('' if open),
-- the window open afterwards, and each window closed now with how many of this poll's changes it took.
local h = KEYS[1]
local now = tonumber(ARGV[1])
local nowIso = ARGV[2]
local n = tonumber(ARGV[3])
local max = tonumber(ARGV[4])
local maxTime = tonumber(ARGV[5])
local force = ARGV[6]
local localId = ARGV[7]
local closedKey = KEYS[2]
local keep = tonumber(ARGV[10])
local ttl = tonumber(ARGV[11])
local countedKey = KEYS[3]
local runs = tonumber(ARGV[19] or '0')
local heldAt = 20 + 3 * runs
local held = tonumber(ARGV[heldAt] or '0')

-- A window id is '<opened ms>-<seq>'; the closed hash is keyed by seq, so trimming it needs no scan.
local function seqOf(id)
  return tonumber(string.match(id, '-(%d+)$') or '0')
end

-- Why window 'id' closed, if it is among the last 'keep' closed windows; nil otherwise.
local function closedReason(id)
  local entry = redis.call('HGET', closedKey, seqOf(id))
  if not entry then return nil end
  local sep = string.find(entry, ' ', 1, true)
  if string.sub(entry, 1, sep - 1) ~= id then return nil end
  return string.sub(entry, sep + 1)
end

local wid = redis.call('HGET', h, 'window_id')
local count = tonumber(redis.call('HGET', h, 'window_count') or '0')
local opened = tonumber(redis.call('HGET', h, 'window_opened_ms') or '0')
local firstIso = redis.call('HGET', h, 'window_first_event_time') or ''

local function newId()
  local seq = redis.call('HINCRBY', h, 'window_seq', 1)
  return ARGV[1] .. '-' .. seq
end

-- The caller's changes are counted in window 'wid' now: record their ranges (rebuilt or joined state).
local function markHeld()
  for i = 0, held - 1 do
    local at = heldAt + 1 + 3 * i
    redis.call('HSET', countedKey, ARGV[at], wid .. ' ' .. ARGV[at + 1] .. ' ' .. ARGV[at + 2])
  end
end

local localReason = ''
if not wid then
  -- The state is gone (Redis restarted empty, FLUSHALL, reset): rebuild it from the caller's window.
  if localId ~= '' then
    wid = localId
    count = tonumber(ARGV[8])
    opened = tonumber(ARGV[9])
    firstIso = ''
    markHeld()
  else
    wid = newId()
    count = 0
    opened = 0
    firstIso = ''
  end
elseif localId ~= '' and localId ~= wid then
  local reason = closedReason(localId)
  if reason then
    localReason = reason
  else
    -- Another instance rebuilt the lost state first (or our window closed longer ago than the closed
    -- hash remembers): join the open window with our changes; nothing is lost, the count is exact.
    count = count + tonumber(ARGV[8])
    local localOpened = tonumber(ARGV[9])
    if opened == 0 or (localOpened > 0 and localOpened < opened) then opened = localOpened end
    markHeld()
  end
end
local entry = wid

local closes = {}
local closedNow = 0
-- The poll's changes placed in the window open now, per partition: {first, next}.
local placed, placedOrder = {}, {}
local function close(reason, take)
  local seq = seqOf(wid)
  redis.call('HSET', closedKey, seq, wid .. ' ' .. reason)
  redis.call('HDEL', closedKey, seq - keep)
  table.insert(closes, wid)
  table.insert(closes, reason)
  table.insert(closes, take)
  closedNow = closedNow + 1
  redis.call('DEL', countedKey)
  placed, placedOrder = {}, {}
  wid = newId()
  count = 0
  opened = 0
  firstIso = ''
end

if count > 0 and maxTime > 0 and now - opened >= maxTime then
  close('time', 0)
end
if count >= max and count > 0 then
  close('count', 0)
end

local function place(tp, from, to)
  local p = placed[tp]
  if p then
    if from < p[1] then p[1] = from end
    if to > p[2] then p[2] = to end
  else
    placed[tp] = {from, to}
    table.insert(placedOrder, tp)
  end
end

-- Counted ranges of the window open before this poll's changes; they stop applying once it closes.
local markedWid = wid
local marks = {}
local function markOf(tp)
  if marks[tp] == nil then
    marks[tp] = false
    local m = redis.call('HGET', countedKey, tp)
    if m then
      local mw, first, nextOffset = string.match(m, '^(%S+) (%d+) (%d+)$')
      if mw == markedWid then marks[tp] = {tonumber(first), tonumber(nextOffset)} end
    end
  end
  return marks[tp]
end

local openTake = 0
for r = 0, runs - 1 do
  local at = 20 + 3 * r
  local tp = ARGV[at]
  local o = tonumber(ARGV[at + 1])
  local e = o + tonumber(ARGV[at + 2])
  local m = markOf(tp)
  while o < e do
    local live = m and wid == markedWid and count > 0
    if live and o >= m[1] and o < m[2] then
      -- Read again: already in this window's count.
      local stop = math.min(e, m[2])
      place(tp, o, stop)
      openTake = openTake + (stop - o)
      o = stop
    else
      local stop = e
      if live and o < m[1] then stop = math.min(e, m[1]) end
      if count == 0 then
        opened = now
        firstIso = nowIso
      end
      local take = math.min(stop - o, max - count)
      count = count + take
      place(tp, o, o + take)
      openTake = openTake + take
      o = o + take
      if count >= max then
        close('count', openTake)
        openTake = 0
      end
    end
  end
end

if force ~= '' and count > 0 then
  close(force, openTake)
end

for _, tp in ipairs(placedOrder) do
  local p = placed[tp]
  local m = redis.call('HGET', countedKey, tp)
  if m then
    local mw, first, nextOffset = string.match(m, '^(%S+) (%d+) (%d+)$')
    if mw == wid then
      p[1] = math.min(p[1], tonumber(first))
      p[2] = math.max(p[2], tonumber(nextOffset))
    end
  end
  redis.call('HSET', countedKey, tp, wid .. ' ' .. string.format('%d', p[1]) .. ' ' .. string.format('%d', p[2]))
end

if firstIso == '' and count > 0 then firstIso = nowIso end
redis.call('HSET', h, 'window_id', wid, 'window_count', count, 'window_opened_ms', opened,
  'window_first_event_time', firstIso, 'consumer_id', ARGV[17], 'pipeline_name', ARGV[18])
if n > 0 then
  redis.call('HSET', h, 'event_type', ARGV[12], 'table_name', ARGV[13], 'schema_name', ARGV[14],
    'db_name', ARGV[15], 'last_event_time', nowIso)
  redis.call('HINCRBY', h, 'events_total', n)
end
if tonumber(ARGV[16]) > 0 then
  redis.call('HINCRBY', h, 'dead_lettered_total', tonumber(ARGV[16]))
end
if closedNow > 0 then
  redis.call('HINCRBY', h, 'windows_closed_total', closedNow)
  redis.call('EXPIRE', closedKey, ttl)
end
local lastIso = redis.call('HGET', h, 'last_event_time')
local eventType = redis.call('HGET', h, 'event_type')
redis.call('HSET', h, 'event', cjson.encode({
  event_type = eventType or cjson.null,
  first_event_time = (firstIso ~= '' and firstIso) or cjson.null,
  last_event_time = lastIso or cjson.null,
  event_count = count
}))

local result = {entry, localReason, wid, count, opened}
for _, v in ipairs(closes) do table.insert(result, v) end
return result
