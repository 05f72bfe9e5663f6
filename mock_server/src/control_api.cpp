#include "control_api.hpp"

#include <climits>
#include <map>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "request_reading.hpp"
#include "tiktok_aigc/api/enums.hpp"

namespace tiktok_aigc::mock {
namespace {

using nlohmann::json;

std::optional<TaskOutcome> parse_outcome(const json& value) {
  if (value == api::enums::task_status::kSuccess) return TaskOutcome::success;
  if (value == api::enums::task_status::kFailed) return TaskOutcome::failed;
  return std::nullopt;
}

// A control API count: decimal digits, at most nine of them.
std::optional<std::size_t> parse_count(const std::string& raw) {
  if (raw.empty() || raw.size() > 9 || raw.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoul(raw);
}

constexpr const char* kBadLimit = "limit: must be a non-negative integer";

// The `limit` parameter of a GET: `fallback` when absent, nullopt when malformed.
std::optional<std::size_t> limit_param(const httplib::Request& req, std::size_t fallback) {
  return req.has_param("limit") ? parse_count(req.get_param_value("limit")) : fallback;
}

// The control API's names of the outcome queues: video tasks (image animations included),
// script tasks, avatar video tasks.
constexpr std::pair<const char*, OutcomeQueue> kOutcomeQueues[] = {
    {"video", OutcomeQueue::video}, {"script", OutcomeQueue::script}, {"avatar_video", OutcomeQueue::avatar_video}};

Answer queue_outcomes(MockState& mock, const json& body) {
  // All checked before any is queued: a refused request changes nothing.
  std::map<OutcomeQueue, std::vector<TaskOutcome>> outcomes;
  for (const auto& [kind, queue] : kOutcomeQueues) {
    if (!body.contains(kind)) continue;
    if (!body[kind].is_array()) return control_error(std::string(kind) + ": must be an array");
    for (const auto& value : body[kind]) {
      const auto outcome = parse_outcome(value);
      if (!outcome)
        return control_error(std::string(kind) + ": each outcome must be SUCCESS or FAILED");
      outcomes[queue].push_back(*outcome);
    }
  }
  for (const auto& [queue, queued] : outcomes) mock.store.queue_outcomes(queue, queued);
  return control_json({{"queued", true}});
}

}  // namespace

Answer serve_control(MockState& mock, const httplib::Request& req) {
  const std::string what = req.path.substr(std::string(kControlPrefix).size());
  const std::string action = req.method + " " + what;
  json body = json::object();
  if (req.method == "POST" && !req.body.empty()) {
    if (auto e = parse_body(req.body, body)) return control_error(e->message);
    if (!body.is_object()) return control_error("body: must be a JSON object");
  }
  try {
    if (action == "POST reset") {
      mock.reset();
      return control_json({{"reset", true}});
    }
    if (action == "GET clock") return control_json(mock.clock_state());
    if (action == "GET state") {
      const auto limit = limit_param(req, kDefaultStateLimit);
      if (!limit) return control_error(kBadLimit);
      return control_json(state_json(mock, *limit));
    }
    if (action == "POST clock/freeze") {
      mock.clock.freeze();
      return control_json(mock.clock_state());
    }
    if (action == "POST clock/unfreeze") {
      mock.clock.unfreeze();
      return control_json(mock.clock_state());
    }
    if (action == "POST clock/advance") {
      const auto seconds = body.find("seconds");
      // Bounded, so the clock's integer ticks cannot overflow (ten years is plenty).
      constexpr double kMaxAdvanceSeconds = 10.0 * 366 * 24 * 3600;
      if (seconds == body.end() || !seconds->is_number() || !(seconds->get<double>() >= 0) ||
          seconds->get<double>() > kMaxAdvanceSeconds) {
        return control_error("seconds: must be a number from 0 to " +
                             std::to_string(static_cast<long long>(kMaxAdvanceSeconds)));
      }
      mock.clock.advance(std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(seconds->get<double>())));
      return control_json(mock.clock_state());
    }
    if (action == "POST outcomes") return queue_outcomes(mock, body);
    if (action == "POST faults") {
      mock.faults.inject(FaultRegistry::from_json(body));
      return control_json({{"faults", mock.faults.state()}});
    }
    if (action == "GET faults") return control_json({{"faults", mock.faults.state()}});
    if (action == "DELETE faults") {
      mock.faults.clear();
      return control_json({{"faults", mock.faults.state()}});
    }
    if (action == "GET journal") {
      const auto limit = limit_param(req, SIZE_MAX);
      if (!limit) return control_error(kBadLimit);
      json entries = json::array();
      for (const auto& entry : mock.journal.last(*limit)) entries.push_back(to_json(entry));
      return control_json({{"entries", std::move(entries)}});
    }
    if (action == "DELETE journal") {
      mock.journal.clear();
      return control_json({{"entries", json::array()}});
    }
  } catch (const std::invalid_argument& e) {
    return control_error(e.what());
  } catch (const json::exception& e) {
    return control_error(e.what());
  }
  return plain(404, "no such control endpoint: " + action);
}

json state_json(MockState& mock, std::size_t limit) {
  const StoreView view = mock.store.view(mock.clock.now(), limit);
  json queued_outcomes = json::object();
  for (const auto& [kind, queue] : kOutcomeQueues) {
    json& names = queued_outcomes[kind] = json::array();
    const auto queued = view.outcomes.find(queue);
    if (queued == view.outcomes.end()) continue;
    for (const TaskOutcome outcome : queued->second) {
      names.push_back(outcome == TaskOutcome::success ? api::enums::task_status::kSuccess
                                                   : api::enums::task_status::kFailed);
    }
  }
  json accounts = json::array();
  for (const AccountView& account : view.accounts) {
    json video_tasks = json::array();
    for (const VideoView& task : account.video_tasks) {
      json item = {{"task_id", task.task_id},
                   {"aigc_video_type", task.aigc_video_type},
                   {"status", task.status}};
      if (!task.video_id.empty()) item["video_id"] = task.video_id;
      video_tasks.push_back(std::move(item));
    }
    json script_tasks = json::array();
    for (const ScriptTaskView& task : account.script_tasks) {
      script_tasks.push_back({{"task_id", task.task_id},
                              {"status", task.status},
                              {"scripts_arrived", task.scripts.size()}});
    }
    json avatar_tasks = json::array();
    for (const AvatarTaskView& task : account.avatar_tasks) {
      json item = {{"task_id", task.task_id}, {"status", task.status}, {"avatar_id", task.avatar_id},
                   {"video_name", task.video_name}};
      if (!task.avatar_video_id.empty()) item["avatar_video_id"] = task.avatar_video_id;
      avatar_tasks.push_back(std::move(item));
    }
    accounts.push_back({
        {"token_digest", account.token_digest},
        {"uploads", {{"count", account.upload_count}, {"latest", account.uploads}}},
        {"video_tasks",
         {{"count", account.video_task_count},
          {"by_type_and_status", account.video_tasks_by_type},
          {"latest", std::move(video_tasks)}}},
        {"script_tasks",
         {{"count", account.script_task_count},
          {"by_status", account.script_tasks_by_status},
          {"latest", std::move(script_tasks)}}},
        {"avatar_video_tasks",
         {{"count", account.avatar_task_count},
          {"by_status", account.avatar_tasks_by_status},
          {"latest", std::move(avatar_tasks)}}},
    });
  }
  return {{"clock", mock.clock_state()},
          {"accounts", std::move(accounts)},
          {"queued_outcomes", std::move(queued_outcomes)},
          {"faults", mock.faults.state()},
          {"journal_entries", mock.journal.size()}};
}

}  // namespace tiktok_aigc::mock
