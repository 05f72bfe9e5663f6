// video_voiceover: a VOICEOVER video, narrated in French from English product information.
//
//   video_voiceover    no arguments; the mock starts in-process unless TIKTOK_ACCESS_TOKEN
//                      is set (see example_support.hpp)
//
// Upload two clips -> create a VOICEOVER task -> wait -> find the video in the VOICEOVER
// list -> fetch its preview into memory.

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
    request.aigc_video_type = AigcVideoType::voiceover();
    request.product_video_info.video_generation_count = 1;
    // The product is described in English (source_language); the voice speaks French.
    request.product_video_info.target_language = TargetLanguage::fr();
    request.product_video_info.product_info_list = {example::sample_product()};
    request.product_video_info.video_id_list = video_ids;  // required for VOICEOVER
    const CreatedVideoTasks created =
        or_exit(client.create_video_tasks(request), "VOICEOVER task create");
    std::cout << "\nVOICEOVER task " << created.task_ids.front() << "\n";

    example::ProgressLine line;
    const VideoTask task =
        or_exit(client.wait_for_video_tasks(
                    created.task_ids, AigcVideoType::voiceover(), backend.wait,
                    [&](const std::vector<VideoTask>& now) { line.show(example::describe(now)); }),
                "wait for the VOICEOVER task")
            .front();
    line.finish();

    // The list can be narrowed to some types. Without any filter the API would return only
    // dubbed videos, so the client always sends one (all three types by default).
    VideoListQuery query;
    query.aigc_video_types = {AigcVideoType::voiceover()};
    query.page_size = 10;
    const VideoPage page = or_exit(client.list_videos(query), "video list");
    std::cout << page.page_info.total_number << " VOICEOVER video(s):\n";
    for (const Video& video : page.list) {
      std::cout << "  " << video.video_name << "  " << video.create_time
                << (video.video_id == task.video_id ? "  <- new" : "") << "\n";
    }

    // download_preview() keeps the bytes in memory (download_preview_to_file() streams to a
    // file). The notice comes first, as the terms require.
    std::cout << "\n" << kDownloadNotice << "\n";
    const std::string bytes =
        or_exit(client.download_preview(task.preview_url.value_or("")), "preview download");
    std::cout << "preview: " << bytes.size() << " bytes"
              << (bytes.size() >= 8 && bytes.compare(4, 4, "ftyp") == 0 ? ", an MP4 (ftyp box)"
                                                                        : "")
              << "\n";
  });
}
