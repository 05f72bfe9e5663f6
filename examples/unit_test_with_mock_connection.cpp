// Unit tests of an application's own code that uses tiktok_aigc::Client, with the client's
// Connection mocked (tiktok_aigc/mocks/mock_connection.hpp): no network, no mock server, no
// waiting. The code under test, make_voiceover_video(), uploads a clip, asks for a VOICEOVER
// video, waits for it and returns its preview URL; count_videos() walks every page.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tiktok_aigc.hpp"
#include "tiktok_aigc/mocks/mock_connection.hpp"

namespace {

using namespace tiktok_aigc;  // NOLINT: an example
using testing::_;
using testing::Field;
using testing::Return;

// ---- the application's code ----

Result<std::string> make_voiceover_video(Client& client, const std::string& clip_url, const VideoProductInfo& product) {
  const Result<UploadedVideo> clip = client.upload_video({clip_url});
  if (!clip) return clip.status();
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::voiceover();
  request.product_video_info.product_info_list = {product};
  request.product_video_info.video_id_list = std::vector<std::string>{clip->video_id};
  const Result<CreatedVideoTasks> created = client.create_video_tasks(request);
  if (!created) return created.status();
  const TaskWait<VideoTask> done = client.wait_for_video_tasks(created->task_ids, AigcVideoType::voiceover());
  if (!done.ok()) return done.status;
  return *done.tasks.at(0).preview_url;
}

Result<int> count_videos(Client& client) {
  int count = 0;
  for (const Result<Video>& video : client.all_videos()) {
    if (!video) return video.status();
    ++count;
  }
  return count;
}

// ---- the tests ----

// A clock whose sleeps pass at once, so that waits take no time.
class InstantClock : public Clock {
 public:
  time_point now() override { return now_; }
  bool sleep_for(Duration duration, const CancellationToken& cancel) override {
    now_ += duration;
    return !cancel.cancelled();
  }

 private:
  time_point now_{};
};

class VideoTest : public testing::Test {
 protected:
  void SetUp() override {
    ClientOptions options;
    options.clock = std::make_shared<InstantClock>();
    ON_CALL(*connection, options()).WillByDefault(Return(options));
  }

  static VideoTask task(const std::string& status) {
    VideoTask task;
    task.task_id = "task-1";
    task.aigc_video_type = AigcVideoType::voiceover();
    task.status = TaskStatus(status);
    if (status == "SUCCESS") task.preview_url = "https://cdn.example.com/preview.mp4";
    return task;
  }

  std::shared_ptr<mocks::MockConnection> connection = std::make_shared<mocks::MockConnection>();
  Client client{connection};
  VideoProductInfo product;
};

TEST_F(VideoTest, UploadsCreatesWaitsAndReturnsThePreview) {
  EXPECT_CALL(*connection, upload_video(Field(&UploadVideoRequest::video_url, "https://cdn.example.com/clip.mp4"), _))
      .WillOnce(Return(UploadedVideo{"video-1", {}}));
  EXPECT_CALL(*connection, create_video_tasks(_, _)).WillOnce([](const CreateVideoTaskRequest& request, auto&&) {
    EXPECT_EQ(request.product_video_info.video_id_list, std::vector<std::string>{"video-1"});
    return Result<CreatedVideoTasks>(CreatedVideoTasks{{"task-1"}, {}});
  });
  // Two polls: still processing, then done.
  EXPECT_CALL(*connection, get_video_tasks(Field(&VideoTaskQuery::task_ids, std::vector<std::string>{"task-1"}), _))
      .WillOnce(Return(VideoTaskList{{task("PROCESSING")}, {}}))
      .WillOnce(Return(VideoTaskList{{task("SUCCESS")}, {}}));

  const Result<std::string> preview = make_voiceover_video(client, "https://cdn.example.com/clip.mp4", product);
  ASSERT_TRUE(preview.ok()) << preview.status().to_string();
  EXPECT_EQ(*preview, "https://cdn.example.com/preview.mp4");
}

TEST_F(VideoTest, AnErrorOfTheApiReachesTheCaller) {
  Status throttled{ErrorCategory::rate_limited, "Too many requests.", 40100};
  EXPECT_CALL(*connection, upload_video(_, _)).WillOnce(Return(throttled));
  EXPECT_CALL(*connection, create_video_tasks(_, _)).Times(0);

  const Result<std::string> preview = make_voiceover_video(client, "https://cdn.example.com/clip.mp4", product);
  ASSERT_FALSE(preview.ok());
  EXPECT_EQ(preview.status().api_code, 40100);
  EXPECT_TRUE(preview.status().retryable());
}

TEST_F(VideoTest, AFailedTaskEndsTheWait) {
  EXPECT_CALL(*connection, upload_video(_, _)).WillOnce(Return(UploadedVideo{"video-1", {}}));
  EXPECT_CALL(*connection, create_video_tasks(_, _)).WillOnce(Return(CreatedVideoTasks{{"task-1"}, {}}));
  EXPECT_CALL(*connection, get_video_tasks(_, _)).WillOnce(Return(VideoTaskList{{task("FAILED")}, {}}));

  const Result<std::string> preview = make_voiceover_video(client, "https://cdn.example.com/clip.mp4", product);
  EXPECT_EQ(preview.status().category, ErrorCategory::task_failed);
}

TEST_F(VideoTest, EveryPageIsWalkedOnTheConnection) {
  const auto page = [](int number, int videos) {
    VideoPage out;
    out.list.resize(static_cast<std::size_t>(videos));
    out.page_info = PageInfo{number, 100, 150, 2};
    return out;
  };
  EXPECT_CALL(*connection, list_videos(Field(&VideoListQuery::page, 1), _)).WillOnce(Return(page(1, 100)));
  EXPECT_CALL(*connection, list_videos(Field(&VideoListQuery::page, 2), _)).WillOnce(Return(page(2, 50)));

  const Result<int> count = count_videos(client);
  ASSERT_TRUE(count.ok()) << count.status().to_string();
  EXPECT_EQ(*count, 150);
}

}  // namespace
