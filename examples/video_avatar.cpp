// video_avatar: an AVATAR_PRODUCT video, a Digital Avatar presenting the product from its
// images. The Digital Avatar is allowlist-only on the live API.
//
//   video_avatar [AVATAR_ID]   without an id, the first avatar of the catalogue; the mock
//                              starts in-process unless TIKTOK_ACCESS_TOKEN is set
//   TIKTOK_IMAGE_URLS          3-30 comma-separated product image URLs (default: placeholders)
//
// Pick an avatar from the catalogue -> create an AVATAR_PRODUCT task -> wait -> print the video.

#include <iostream>
#include <string>
#include <vector>

#include "example_support.hpp"

using namespace tiktok_aigc;
using example::or_exit;

int main(int argc, char** argv) {
  return example::run([&] {
    example::Backend backend = example::connect();
    Client client(backend.options);

    CreateVideoTaskRequest request;
    request.aigc_video_type = AigcVideoType::avatar_product();
    request.product_video_info.video_generation_count = 1;
    request.product_video_info.target_language = TargetLanguage::en();
    request.product_video_info.product_info_list = {example::sample_product()};
    // Required for AVATAR_PRODUCT: 3-30 images, not uploaded clips. The API leaves out URLs
    // it cannot use rather than refusing them: an unusable one costs quality, not an error.
    request.product_video_info.image_url_list = example::image_urls();
    // The avatar_id comes from the Digital Avatar catalogue; left out, the API picks one.
    if (argc > 1) {
      request.product_video_info.avatar_id = std::string(argv[1]);
    } else {
      AvatarListQuery first;
      first.page_size = 1;
      const Avatar avatar = or_exit(client.list_avatars(first), "avatar catalogue").list.at(0);
      request.product_video_info.avatar_id = avatar.avatar_id;
      std::cout << "The catalogue's first avatar: " << avatar.avatar_name << "\n";
    }
    std::cout << "AVATAR_PRODUCT from " << request.product_video_info.image_url_list->size()
              << " images, avatar " << *request.product_video_info.avatar_id << "\n";

    Result<CreatedVideoTasks> created = client.create_video_tasks(request);
    // A program can branch on the category rather than on codes: here, the allowlist.
    if (!created && created.status().category == ErrorCategory::permission_denied) {
      std::cerr
          << "This app is not allowlisted for Digital Avatars: ask your TikTok representative.\n";
    }
    const std::vector<std::string> task_ids =
        or_exit(std::move(created), "AVATAR_PRODUCT task create").task_ids;

    example::ProgressLine line;
    const VideoTask task =
        or_exit(client.wait_for_video_tasks(
                    task_ids, AigcVideoType::avatar_product(), backend.wait,
                    [&](const std::vector<VideoTask>& now) { line.show(example::describe(now)); }),
                "wait for the AVATAR_PRODUCT task")
            .front();
    line.finish();
    std::cout << "task " << task.task_id << " " << task.status << ": video_id "
              << task.video_id.value_or("-")
              << "\n  preview (valid six hours): " << task.preview_url.value_or("-") << "\n";
  });
}
