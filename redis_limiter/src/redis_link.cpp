#include "redis_link.hpp"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <ctime>

#include "sigpipe_blocked.hpp"
#include "tiktok_aigc/impl/digest.hpp"

namespace tiktok_aigc::redis {
namespace {

timeval to_timeval(Duration duration) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(duration.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((duration.count() % 1000) * 1000);
  return tv;
}

Reply convert(const redisReply* reply) {
  Reply out;
  switch (reply->type) {
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::integer;
      out.integer = reply->integer;
      break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::string;
      out.text.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = Reply::Type::error;
      out.text.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::array;
      for (std::size_t i = 0; i < reply->elements; ++i)
        out.elements.push_back(convert(reply->element[i]));
      break;
    default:
      break;
  }
  return out;
}

Reply error_reply(std::string text) {
  Reply reply;
  reply.type = Reply::Type::error;
  reply.text = std::move(text);
  return reply;
}

}  // namespace

RedisLink::RedisLink() = default;

RedisLink::~RedisLink() { close(); }

void RedisLink::close() {
  if (context_) redisFree(context_);
  context_ = nullptr;
}

std::string RedisLink::connect(const RedisSettings& settings) {
  close();
  where_ = settings.host + ":" + std::to_string(settings.port);
  if (settings.tls) {
    // Never fall back to a connection in clear.
    return "TLS to Redis needs hiredis_ssl (hiredis 1.0 or later), which this build does not link; "
           "it has hiredis " +
           std::to_string(HIREDIS_MAJOR) + "." + std::to_string(HIREDIS_MINOR) + "." +
           std::to_string(HIREDIS_PATCH);
  }
  redisContext* context = redisConnectWithTimeout(settings.host.c_str(), settings.port,
                                                  to_timeval(settings.connect_timeout));
  if (!context) return "cannot connect to " + where_ + ": out of memory";
  if (context->err) {
    std::string why = "cannot connect to " + where_ + ": " + context->errstr;
    redisFree(context);
    return why;
  }
  redisSetTimeout(context, to_timeval(settings.command_timeout));
  context_ = context;
  const auto log_in = [&](const std::vector<std::string>& arguments,
                          const char* what) -> std::string {
    const Reply reply = command(arguments);
    if (reply.type != Reply::Type::error) return {};
    close();
    // Redis's answer names no password, so it may be shown.
    return std::string(what) + " on " + where_ + " failed: " + reply.text;
  };
  if (!settings.password.empty()) {
    std::vector<std::string> auth{"AUTH"};
    if (!settings.username.empty()) auth.push_back(settings.username);
    auth.push_back(settings.password);
    if (std::string why = log_in(auth, "AUTH"); !why.empty()) return why;
  }
  if (settings.database != 0) {
    if (std::string why = log_in({"SELECT", std::to_string(settings.database)}, "SELECT");
        !why.empty())
      return why;
  }
  return {};
}

Reply RedisLink::command(const std::vector<std::string>& arguments) {
  if (!context_) return error_reply("not connected to " + where_);
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const std::string& argument : arguments) {
    argv.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  redisReply* reply = nullptr;
  {
    SigpipeBlocked quiet;
    reply = static_cast<redisReply*>(
        redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data()));
  }
  if (!reply) {
    // The connection is unusable once hiredis reports an error on it.
    Reply failed =
        error_reply("connection to " + where_ + " failed: " +
                    (context_->err ? std::string(context_->errstr) : std::string("no reply")));
    close();
    return failed;
  }
  Reply converted = convert(reply);
  freeReplyObject(reply);
  return converted;
}

Reply RedisLink::eval(const std::string& script, const std::vector<std::string>& keys,
                      const std::vector<std::string>& arguments) {
  std::vector<std::string> call{"EVALSHA", tiktok_aigc::detail::hex_digest(script, EVP_sha1()),
                                std::to_string(keys.size())};
  call.insert(call.end(), keys.begin(), keys.end());
  call.insert(call.end(), arguments.begin(), arguments.end());
  Reply reply = command(call);
  if (reply.type == Reply::Type::error && reply.text.rfind("NOSCRIPT", 0) == 0) {
    call[0] = "EVAL";
    call[1] = script;
    reply = command(call);
  }
  return reply;
}

std::string RedisLink::run_id() {
  const Reply info = command({"INFO", "server"});
  if (info.type != Reply::Type::string) return {};
  const std::string field = "run_id:";
  const auto at = info.text.find(field);
  if (at == std::string::npos) return {};
  const auto end = info.text.find_first_of("\r\n", at);
  return info.text.substr(at + field.size(),
                          end == std::string::npos ? std::string::npos : end - at - field.size());
}

}  // namespace tiktok_aigc::redis
