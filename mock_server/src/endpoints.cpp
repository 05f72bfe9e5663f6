#include "endpoints.hpp"

namespace tiktok_aigc::mock {

const std::vector<Endpoint>& endpoints() {
  // Budgets: 20 per minute per endpoint for the Generate & Remix Videos endpoints (upload
  // included), 2 per minute recommended for script create, none stated for the others.
  static const std::vector<Endpoint> table = {
      {EndpointId::upload, "upload", "POST", "/open_api/v1.3/file/video/ad/upload/", 20},
      {EndpointId::video_task_create, "video_task_create", "POST",
       "/open_api/v1.3/creative/aigc/video/task/create/", 20},
      {EndpointId::video_task_list, "video_task_list", "GET",
       "/open_api/v1.3/creative/aigc/video/task/list/", 20},
      {EndpointId::video_list, "video_list", "GET", "/open_api/v1.3/creative/aigc/video/list/", 20},
      {EndpointId::script_task_create, "script_task_create", "POST",
       "/open_api/v1.3/creative/aigc/script_generation/task/create/", 2},
      {EndpointId::script_task_get, "script_task_get", "GET",
       "/open_api/v1.3/creative/aigc/script/task/get/", 0},
      {EndpointId::script_list, "script_list", "GET", "/open_api/v1.3/creative/aigc/script/list/",
       0},
  };
  return table;
}

const Endpoint* find_endpoint_by_name(const std::string& name) {
  for (const auto& endpoint : endpoints()) {
    if (name == endpoint.name) return &endpoint;
  }
  return nullptr;
}

const Endpoint* find_endpoint_by_path(const std::string& path) {
  for (const auto& endpoint : endpoints()) {
    if (path == endpoint.path) return &endpoint;
  }
  return nullptr;
}

}  // namespace tiktok_aigc::mock
