// The Lua scripts the limiter runs in Redis. A script runs atomically, and reads the time
// from Redis (TIME), so every worker is timed by one clock. Times are in milliseconds.
#pragma once

namespace tiktok_aigc::redis::scripts {

// KEYS: the slots (a sorted set: member -> slot time), the cooldown, the hold-off.
// ARGV: requests in a window, the window, the furthest a slot may be promised ahead, the
// member that names the new slot.
// Returns {1, wait}: a slot at now + wait is granted; or {0, wait}: none is, ask again
// after wait.
inline constexpr const char* kReserve = R"lua(
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local requests = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local promise = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
-- Slots are granted in order, so the window ending at a new slot holds every later one.
local slot = now
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then slot = math.max(slot, tonumber(last[2])) end
local count = redis.call('ZCARD', KEYS[1])
if count >= requests then
  local oldest = redis.call('ZRANGE', KEYS[1], count - requests, count - requests, 'WITHSCORES')
  slot = math.max(slot, tonumber(oldest[2]) + window)
end
slot = math.max(slot, tonumber(redis.call('GET', KEYS[2]) or 0), tonumber(redis.call('GET', KEYS[3]) or 0))
local wait = slot - now
if wait > promise then return {0, wait - promise} end
redis.call('ZADD', KEYS[1], slot, ARGV[4])
redis.call('PEXPIRE', KEYS[1], wait + window)
return {1, wait}
)lua";

// KEYS: a key holding a time (a cooldown or a hold-off). ARGV: a duration.
// Moves the time to now + duration unless it is later already; the key expires then.
inline constexpr const char* kHoldUntil = R"lua(
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local hold = tonumber(ARGV[1])
if now + hold > tonumber(redis.call('GET', KEYS[1]) or 0) then
  redis.call('SET', KEYS[1], string.format('%.0f', now + hold), 'PX', hold)
end
return 0
)lua";

}  // namespace tiktok_aigc::redis::scripts
