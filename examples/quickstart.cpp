// quickstart: from product information to a downloaded video with tiktok_aigc::Client.
//
//   quickstart                  no arguments
//
// With TIKTOK_ACCESS_TOKEN unset it starts the bundled mock in this process (tasks take
// seconds, the documented rate limits are on); with it set, it talks to TIKTOK_API_BASE
// (default: the live API) and uploads the public URLs in TIKTOK_VIDEO_URLS.
//
// 1. upload two clips  2. write four scripts from the product (PRODUCT)  3. turn the first
// script into a VOICEOVER and a STOCK_VIDEO video  4. list the videos  5. download one preview
// into ./aigc-output/. Any error prints its Status and exits 1.

#include <filesystem>
#include <future>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "example_support.hpp"

namespace {

using namespace tiktok_aigc;
using example::or_exit;

constexpr int kScripts = 4;

// Scripts written from the product, with the uploaded footage as its media (media_list is
// required whenever product_info is sent).
CreateScriptTaskRequest script_request(const std::vector<std::string>& video_ids) {
  ScriptProductInfo product;
  product.name = "Trail Runner 2";
  product.brand = "Northpeak";
  product.price = 89.99;
  product.currency = "USD";
  product.description = "Light trail running shoes with a grippy sole and a breathable upper.";
  product.selling_points = {"Grippy on wet rock", "Only 240 g a shoe", "Free returns"};

  ScriptInfo style;  // free text; recommended_tones() etc. list the suggested values
  style.tone = "Friendly";
  style.style = "Product focused";
  style.point_of_view = "From brand";
  style.script_language = ScriptLanguage::en();

  CreateScriptTaskRequest request;
  request.script_source = ScriptSource::product();
  request.product_info = product;
  request.media_list = MediaList{{}, video_ids};
  request.script_info = style;
  request.video_duration = VideoDuration::seconds_15();
  request.script_generation_count = kScripts;
  return request;
}

// One video of `type` from the uploaded clips, described by a generated script.
CreateVideoTaskRequest video_request(const AigcVideoType& type, const std::string& script,
                                     const std::vector<std::string>& video_ids) {
  VideoProductInfo product = example::sample_product();
  // A video's description holds at most 300 characters; a script may be longer.
  product.description = example::first_chars(script, 300);

  CreateVideoTaskRequest request;
  request.aigc_video_type = type;
  request.product_video_info.video_generation_count = 1;
  request.product_video_info.product_info_list = {product};
  request.product_video_info.video_id_list = video_ids;
  if (type == AigcVideoType::voiceover())
    request.product_video_info.target_language = TargetLanguage::en();
  return request;
}

}  // namespace

int main() {
  return example::run([] {
    example::Backend backend = example::connect();
    Client client(backend.options);
    example::VideoUrls clips;  // keeps serving until main() returns

    // 1. Upload. The terms require showing this notice before assets are uploaded.
    std::cout << "1. Upload two clips\n" << kUploadNotice << "\n";
    std::vector<std::string> video_ids;
    for (const std::string& url : clips.urls()) {
      UploadVideoRequest upload;
      upload.video_url = url;  // the API fetches it while this call waits (up to 10 s)
      video_ids.push_back(or_exit(client.upload_video(upload), "upload of " + url).video_id);
      std::cout << "   " << url << " -> video_id " << video_ids.back() << "\n";
    }

    // 2. Scripts. Script creation has a budget of 2 a minute: the client's limiter waits for
    // a slot rather than let the API refuse the call.
    std::cout << "\n2. Write " << kScripts << " scripts from the product information\n";
    const CreatedScriptTask script_task =
        or_exit(client.create_script_task(script_request(video_ids)), "script task create");
    std::cout << "   task_id " << script_task.task_id << "\n";
    example::ProgressLine script_line;
    const ScriptTask scripts =
        or_exit(client.wait_for_script_task(
                    script_task.task_id, backend.wait,
                    [&](const ScriptTask& task) {
                      script_line.show("   scripts: " + std::to_string(task.list.size()) + "/" +
                                       std::to_string(kScripts) + " " + task.status.wire());
                    }),
                "wait for the script task")
            .front();
    script_line.finish();
    if (scripts.list.empty())
      throw std::runtime_error("the script task succeeded without a script");
    const Script& script = scripts.list.front();
    std::cout << "   first script: \"" << script.title << "\"\n   "
              << example::one_line(script.script, 100) << "\n";

    // 3. Videos from the first script: a VOICEOVER and a STOCK_VIDEO one.
    std::cout << "\n3. Generate a VOICEOVER and a STOCK_VIDEO video from it\n";
    const CreatedVideoTasks voiceover =
        or_exit(client.create_video_tasks(
                    video_request(AigcVideoType::voiceover(), script.script, video_ids)),
                "VOICEOVER task create");
    const CreatedVideoTasks stock =
        or_exit(client.create_video_tasks(
                    video_request(AigcVideoType::stock_video(), script.script, video_ids)),
                "STOCK_VIDEO task create");
    std::cout << "   VOICEOVER task " << voiceover.task_ids.front() << ", STOCK_VIDEO task "
              << stock.task_ids.front() << "\n";

    // Both waits at once: a Client may be shared between threads, and its rate limiter counts
    // the polls of both against the one budget of the task query endpoint.
    std::mutex line_mutex;
    example::ProgressLine video_line;
    std::string voiceover_state = "-", stock_state = "-";
    const auto watch = [&](std::string& state) {
      return [&, target = &state](const std::vector<VideoTask>& tasks) {
        std::lock_guard<std::mutex> lock(line_mutex);
        *target = tasks.front().status.wire();
        video_line.show("   videos: VOICEOVER " + voiceover_state + ", STOCK_VIDEO " + stock_state);
      };
    };
    auto stock_wait = std::async(std::launch::async, [&] {
      return client.wait_for_video_tasks(stock.task_ids, AigcVideoType::stock_video(), backend.wait,
                                         watch(stock_state));
    });
    TaskWait<VideoTask> voiceover_wait = client.wait_for_video_tasks(
        voiceover.task_ids, AigcVideoType::voiceover(), backend.wait, watch(voiceover_state));
    TaskWait<VideoTask> stock_done = stock_wait.get();
    video_line.finish();
    const VideoTask voiceover_video =
        or_exit(std::move(voiceover_wait), "wait for the VOICEOVER task").front();
    const VideoTask stock_video =
        or_exit(std::move(stock_done), "wait for the STOCK_VIDEO task").front();

    // 4. Every generated video, page by page behind the scenes; an error is the last item.
    std::cout << "\n4. The generated videos, newest first\n";
    Video chosen;
    for (const Result<Video>& item : client.all_videos()) {
      const Video& video = or_exit(item, "video list");
      std::cout << "   " << video.video_name << "  " << video.create_time << "  video_id "
                << video.video_id << "\n";
      if (video.video_id == voiceover_video.video_id) chosen = video;
    }
    if (chosen.video_id.empty())
      throw std::runtime_error("the VOICEOVER video is not in the video list");

    // 5. Download. The terms require this notice before generated output is downloaded.
    std::cout << "\n5. Download the VOICEOVER preview\n" << kDownloadNotice << "\n";
    std::filesystem::create_directories("aigc-output");
    const std::string path = "aigc-output/" + chosen.video_name + ".mp4";
    // The preview URL is valid for six hours; no token is sent to the media host.
    const std::uint64_t bytes =
        or_exit(client.download_preview_to_file(chosen.preview_url, path), "download");

    std::cout << "\nDone.\n"
              << "   uploaded      " << video_ids.size() << " clips: " << video_ids.front() << ", "
              << video_ids.back() << "\n"
              << "   scripts       task " << script_task.task_id << ": " << scripts.list.size()
              << " scripts, used " << script.script_id << "\n"
              << "   VOICEOVER     task " << voiceover.task_ids.front() << " -> video "
              << voiceover_video.video_id.value_or("?") << " (" << chosen.video_name << ")\n"
              << "   STOCK_VIDEO   task " << stock.task_ids.front() << " -> video "
              << stock_video.video_id.value_or("?") << "\n"
              << "   downloaded    " << std::filesystem::absolute(path).string() << " (" << bytes
              << " bytes; " << std::filesystem::file_size(path) << " on disk)\n";
  });
}
