// image_animation: animate a still product image into IMAGE_ANIMATION videos (Image to Video,
// allowlist-only on the live API, one create a minute).
//
//   image_animation    no arguments; the mock starts in-process unless TIKTOK_ACCESS_TOKEN
//                      is set (see example_support.hpp); TIKTOK_IMAGE_URLS's first URL is
//                      the image
//
// Show the upload notice -> create two videos from one image, with a new background and a
// walk -> wait -> list the IMAGE_ANIMATION videos. This document asks for no download notice.

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

    std::cout << kUploadNotice << "\n\n";  // the image is an asset submitted for generation
    CreateImageAnimationTaskRequest request;
    request.image_url = example::image_urls().front();
    // A background of its own: the prompt counts only with change_background set.
    request.change_background = true;
    request.background_prompt = recommended_backgrounds()[3];  // "Lush greenery"
    request.animation_prompt = "Walk";                          // one of recommended_animations()
    request.video_generation_count = 2;                         // one task per video
    const CreatedVideoTasks created =
        or_exit(client.create_image_animation_tasks(request), "image animation create");
    std::cout << "created " << created.task_ids.size() << " IMAGE_ANIMATION tasks from " << request.image_url
              << "\n";

    // The results come through the shared task list, filtered by type.
    example::ProgressLine line;
    const std::vector<VideoTask> tasks =
        or_exit(client.wait_for_video_tasks(
                    created.task_ids, AigcVideoType::image_animation(), backend.wait,
                    [&](const std::vector<VideoTask>& now) { line.show(example::describe(now)); }),
                "wait for the IMAGE_ANIMATION tasks");
    line.finish();
    for (const VideoTask& task : tasks) {
      std::cout << "task " << task.task_id << " " << task.status << ": " << task.video_name.value_or("-")
                << "\n  preview (valid six hours): " << task.preview_url.value_or("-") << "\n";
    }

    // And through the shared video list, as IMAGE_ANIMATION videos.
    VideoListQuery query;
    query.aigc_video_types = {AigcVideoType::image_animation()};
    const VideoPage page = or_exit(client.list_videos(query), "list the IMAGE_ANIMATION videos");
    std::cout << page.page_info.total_number << " IMAGE_ANIMATION video(s) in all\n";
  });
}
