// The Digital Avatar API as the mock serves it (decisions 30-38): the catalogue, avatar
// video tasks, the list of avatar videos and renames. Called through api_handlers' table.
#pragma once

#include "api_handlers.hpp"

namespace tiktok_aigc::mock::digital_avatar {

Answer catalogue(MockState& mock, const Call& call);     // avatar_list
Answer create_tasks(MockState& mock, const Call& call);  // avatar_video_task_create
Answer get_tasks(MockState& mock, const Call& call);     // avatar_video_task_get
Answer list_videos(MockState& mock, const Call& call);   // avatar_video_list
Answer rename_video(MockState& mock, const Call& call);  // avatar_video_rename

}  // namespace tiktok_aigc::mock::digital_avatar
