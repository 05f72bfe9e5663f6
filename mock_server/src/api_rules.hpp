// The documented request rules of the seven endpoints, as schema tables.
#pragma once

#include "schema.hpp"

namespace tiktok_aigc::mock::rules {

const ValueRule& upload();
const ValueRule& video_task_create();
const ValueRule& video_task_list();  // GET parameters
const ValueRule& video_list();       // GET parameters
const ValueRule& script_task_create();
const ValueRule& script_task_get();  // GET parameters
const ValueRule& script_list();      // GET parameters

// The documented values of the enums the answers carry.
const std::vector<std::string>& aigc_video_types();
const std::vector<std::string>& task_statuses();  // video and script tasks

// Upload by URL: the documented container formats, by file extension.
const std::vector<std::string>& video_file_extensions();

}  // namespace tiktok_aigc::mock::rules
