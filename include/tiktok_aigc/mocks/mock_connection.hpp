// A GoogleMock Connection, for the unit tests of code that uses tiktok_aigc::Client: give a
// Client one and set what each endpoint answers, with no network and no mock server.
//
//   auto connection = std::make_shared<tiktok_aigc::mocks::MockConnection>();
//   EXPECT_CALL(*connection, list_videos).WillOnce(testing::Return(tiktok_aigc::VideoPage{}));
//   tiktok_aigc::Client client(connection);
//
// Waits and walks over every page run on the connection too. A wait sleeps on
// options().clock: return options with a clock of the test's own to make it instant (see
// examples/unit_test_with_mock_connection.cpp). It is installed beside tiktok_aigc.hpp; link
// GoogleMock (CMake: GTest::gmock) with the test.
#pragma once

#include <gmock/gmock.h>

#include <string>

#include "tiktok_aigc.hpp"

namespace tiktok_aigc::mocks {

class MockConnection : public Connection {
 public:
  MOCK_METHOD(Result<UploadedVideo>, upload_video, (const UploadVideoRequest&, const CallOptions&), (override));
  MOCK_METHOD(Result<CreatedVideoTasks>, create_video_tasks, (const CreateVideoTaskRequest&, const CallOptions&),
              (override));
  MOCK_METHOD(Result<VideoTaskList>, get_video_tasks, (const VideoTaskQuery&, const CallOptions&), (override));
  MOCK_METHOD(Result<VideoPage>, list_videos, (const VideoListQuery&, const CallOptions&), (override));
  MOCK_METHOD(Result<CreatedScriptTask>, create_script_task, (const CreateScriptTaskRequest&, const CallOptions&),
              (override));
  MOCK_METHOD(Result<ScriptTask>, get_script_task, (const ScriptTaskQuery&, const CallOptions&), (override));
  MOCK_METHOD(Result<ScriptPage>, list_scripts, (const ScriptListQuery&, const CallOptions&), (override));
  MOCK_METHOD(Result<CreatedVideoTasks>, create_image_animation_tasks,
              (const CreateImageAnimationTaskRequest&, const CallOptions&), (override));
  MOCK_METHOD(Result<AvatarPage>, list_avatars, (const AvatarListQuery&, const CallOptions&), (override));
  MOCK_METHOD(Result<CreatedAvatarVideoTasks>, create_avatar_video_tasks,
              (const CreateAvatarVideoTasksRequest&, const CallOptions&), (override));
  MOCK_METHOD(Result<AvatarVideoTaskList>, get_avatar_video_tasks, (const AvatarVideoTaskQuery&, const CallOptions&),
              (override));
  MOCK_METHOD(Result<AvatarVideoPage>, list_avatar_videos, (const AvatarVideoListQuery&, const CallOptions&),
              (override));
  MOCK_METHOD(Result<RenamedAvatarVideo>, rename_avatar_video, (const RenameAvatarVideoRequest&, const CallOptions&),
              (override));
  MOCK_METHOD(Result<int>, download, (const std::string&, const DownloadSink&, const CallOptions&), (override));
  MOCK_METHOD(ClientOptions, options, (), (const, override));
};

}  // namespace tiktok_aigc::mocks
