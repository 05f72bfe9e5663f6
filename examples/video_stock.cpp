// video_stock: remix uploaded clips into STOCK_VIDEO videos, without a voiceover or a
// Digital Avatar.
//
//   video_stock        no arguments; the mock starts in-process unless TIKTOK_ACCESS_TOKEN
//                      is set (see example_support.hpp)
//
// Upload two clips -> create a STOCK_VIDEO task for two videos -> wait -> print each video.

#include <iostream>
#include <string>
#include <vector>

#include "example_support.hpp"

using namespace tiktok_aigc;
using example::or_exit;

int main() {
  return example::run([] {
    example::Backend backend = example::connect();
    Client client(backend.options);
    example::VideoUrls clips;
    const std::vector<std::string> video_ids = example::upload_videos(client, clips);

    CreateVideoTaskRequest request;
    request.aigc_video_type = AigcVideoType::stock_video();
    // Two videos: the API makes one task per video, and each task gets its own id.
    request.product_video_info.video_generation_count = 2;
    request.product_video_info.product_info_list = {example::sample_product()};
    // Required for STOCK_VIDEO: the footage to remix. No target_language: there is no voice.
    request.product_video_info.video_id_list = video_ids;
    const CreatedVideoTasks created =
        or_exit(client.create_video_tasks(request), "STOCK_VIDEO task create");
    std::cout << "\ncreated " << created.task_ids.size() << " STOCK_VIDEO tasks\n";

    // The wait polls the task list (five ids a query) until every task is SUCCESS or FAILED;
    // one FAILED task makes the whole wait a task_failed Status.
    example::ProgressLine line;
    const std::vector<VideoTask> tasks =
        or_exit(client.wait_for_video_tasks(
                    created.task_ids, AigcVideoType::stock_video(), backend.wait,
                    [&](const std::vector<VideoTask>& now) { line.show(example::describe(now)); }),
                "wait for the STOCK_VIDEO tasks");
    line.finish();

    for (const VideoTask& task : tasks) {
      std::cout << "task " << task.task_id << " " << task.status << ": video_id "
                << task.video_id.value_or("-")
                << "\n  preview (valid six hours): " << task.preview_url.value_or("-") << "\n";
    }
  });
}
