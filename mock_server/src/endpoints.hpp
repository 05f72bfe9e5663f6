// The seven documented endpoints: one row each, the only place their paths, methods and
// per-minute budgets are written down.
#pragma once

#include <string>
#include <vector>

namespace tiktok_aigc::mock {

enum class EndpointId {
  upload,
  video_task_create,
  video_task_list,
  video_list,
  script_task_create,
  script_task_get,
  script_list,
};

struct Endpoint {
  EndpointId id;
  const char* name;       // used by faults, rate-limit overrides and the CLI
  const char* method;     // "GET" or "POST"
  const char* path;       // full path, with the trailing slash the API requires
  int budget_per_minute;  // per token; 0 means none documented
};

const std::vector<Endpoint>& endpoints();
const Endpoint* find_endpoint_by_name(const std::string& name);
const Endpoint* find_endpoint_by_path(const std::string& path);

}  // namespace tiktok_aigc::mock
