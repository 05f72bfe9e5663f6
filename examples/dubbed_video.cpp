// dubbed_video: videos of yours dubbed into other languages (Dubbed Translations,
// allowlist-only on the live API): one translated by the API into French with lip sync and
// subtitles, one into Japanese from a timed script of your own.
//
//   dubbed_video        no arguments; the mock starts in-process unless TIKTOK_ACCESS_TOKEN is
//                       set; TIKTOK_VIDEO_URLS's first two URLs are the videos (1-600 s each),
//                       else two clips served from 127.0.0.1, which the mock fetches and checks
//
// Ask for the dubbing consent and show the upload notice -> create two DUBBING tasks from the
// videos' URLs -> wait -> list the dubbed videos with their scripts.

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
    const example::VideoUrls videos;

    // An application asks for an active "I agree" here, the first time a video is picked.
    std::cout << kDubbingConsent << "\n[x] I agree\n\n" << kUploadNotice << "\n\n";

    DubbingVideoInfo french;
    french.video_url = videos.urls().at(0);
    french.target_language = DubbingLanguage::fr();  // translated by the API
    french.lipsync_enabled = true;                   // 5-10 minutes more on the live API
    french.subtitle_enabled = true;                  // black on white, at the bottom
    french.video_name = "Spring launch (fr)";

    DubbingVideoInfo japanese;
    japanese.video_url = videos.urls().at(videos.urls().size() > 1 ? 1 : 0);
    japanese.target_language = DubbingLanguage::ja();  // the language of the scripts below
    japanese.scripts = {{"春の新作をご紹介します。", 0, 2500}, {"今すぐチェックしてください。", 2600, 5000}};

    CreateVideoTaskRequest request;
    request.aigc_video_type = AigcVideoType::dubbing();
    request.dubbing_video_info = {french, japanese};
    const CreatedVideoTasks created = or_exit(client.create_video_tasks(request), "dubbing task create");
    std::cout << "created " << created.task_ids.size() << " DUBBING tasks\n";

    example::ProgressLine line;
    const std::vector<VideoTask> tasks =
        or_exit(client.wait_for_video_tasks(
                    created.task_ids, AigcVideoType::dubbing(), backend.wait,
                    [&](const std::vector<VideoTask>& now) { line.show(example::describe(now)); }),
                "wait for the DUBBING tasks");
    line.finish();

    std::cout << "\n" << kDownloadNotice << "\n";
    VideoListQuery query;
    query.aigc_video_types = {AigcVideoType::dubbing()};
    for (const Result<Video>& video : client.all_videos(query)) {
      const Video& dubbed = or_exit(video, "list the dubbed videos");
      std::cout << "\n" << dubbed.video_name << " (" << dubbed.create_time << ")\n  preview (valid 30 days): "
                << dubbed.preview_url << "\n";
      if (!dubbed.dubbing_info) continue;
      std::cout << "  into " << dubbed.dubbing_info->target_language << ":\n";
      for (const DubbingScriptSegment& segment : dubbed.dubbing_info->translated_scripts) {
        std::cout << "    " << segment.text_start_time << "-" << segment.text_end_time << " ms  " << segment.text << "\n";
      }
    }
  });
}
