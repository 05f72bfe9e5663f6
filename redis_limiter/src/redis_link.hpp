// One connection to Redis through hiredis: connect and log in, run a command, run a script
// by its digest. Errors are returned as text, never thrown. Not safe to share between
// threads: the limiter holds its lock around it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tiktok_aigc/redis_rate_limiter.hpp"

struct redisContext;
struct redisReply;

namespace tiktok_aigc::redis {

// A reply: nil, an integer, a string (status and error included) or an array of replies.
struct Reply {
  enum class Type { nil, integer, string, array, error };
  Type type = Type::nil;
  long long integer = 0;
  std::string text;
  std::vector<Reply> elements;
};

class RedisLink {
 public:
  RedisLink();
  ~RedisLink();
  RedisLink(const RedisLink&) = delete;
  RedisLink& operator=(const RedisLink&) = delete;

  // Connects, logs in and selects the database: empty on success, else why not (without
  // the password).
  std::string connect(const RedisSettings& settings);
  bool connected() const { return context_ != nullptr; }
  void close();

  // Runs one command. A failure of the connection closes it and is returned as an error
  // reply whose text says what failed; Redis's own errors come back as it gave them.
  Reply command(const std::vector<std::string>& arguments);
  // Runs a script by its SHA-1, loading it first when Redis does not have it.
  Reply eval(const std::string& script, const std::vector<std::string>& keys,
             const std::vector<std::string>& arguments);
  // The server's run_id: a new one means Redis restarted, and what it held is gone.
  std::string run_id();

 private:
  redisContext* context_ = nullptr;
  std::string where_;  // "host:port", for messages
};

}  // namespace tiktok_aigc::redis
