// list_paginated: every generated video and script, page by page.
//
//   list_paginated     no arguments; the mock starts in-process unless TIKTOK_ACCESS_TOKEN
//                      is set (see example_support.hpp)
//
// Makes seven videos and eight scripts first (on a fresh mock there is nothing to list),
// then walks the video list one page at a time with list_videos(), and every item with
// all_videos() and all_scripts(), which fetch the pages as the loop goes.

#include <iostream>
#include <string>
#include <vector>

#include "example_support.hpp"

using namespace tiktok_aigc;
using example::or_exit;

namespace {

constexpr int kPageSize = 3;  // small, so that a handful of items spans several pages

// Starts `count` videos of `type` from the uploaded clips; returns their task ids.
std::vector<std::string> create_videos(Client& client, const AigcVideoType& type, int count,
                                       const std::vector<std::string>& video_ids) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = type;
  request.product_video_info.video_generation_count = count;
  request.product_video_info.product_info_list = {example::sample_product()};
  request.product_video_info.video_id_list = video_ids;
  return or_exit(client.create_video_tasks(request), type.wire() + " task create").task_ids;
}

void wait_for_videos(Client& client, const example::Backend& backend, const AigcVideoType& type,
                     const std::vector<std::string>& task_ids) {
  example::ProgressLine line;
  or_exit(client.wait_for_video_tasks(task_ids, type, backend.wait,
                                      [&](const std::vector<VideoTask>& now) {
                                        line.show(type.wire() + " " + example::describe(now));
                                      }),
          "wait for the " + type.wire() + " tasks");
  line.finish();
}

}  // namespace

int main() {
  return example::run([] {
    example::Backend backend = example::connect();
    Client client(backend.options);
    example::VideoUrls clips;
    const std::vector<std::string> video_ids = example::upload_videos(client, clips);

    // Everything is started before anything is waited for: the tasks run side by side.
    CreateScriptTaskRequest scripts;
    scripts.script_source = ScriptSource::custom();
    scripts.custom_prompt = "Short video scripts for trail running shoes.";
    scripts.script_generation_count = 8;
    const CreatedScriptTask script_task =
        or_exit(client.create_script_task(scripts), "script task create");
    const auto stock = create_videos(client, AigcVideoType::stock_video(), 5, video_ids);
    const auto voiceover = create_videos(client, AigcVideoType::voiceover(), 2, video_ids);
    wait_for_videos(client, backend, AigcVideoType::stock_video(), stock);
    wait_for_videos(client, backend, AigcVideoType::voiceover(), voiceover);
    or_exit(client.wait_for_script_task(script_task.task_id, backend.wait),
            "wait for the script task");

    // One page at a time, as a UI with "next" buttons would. page_info says how many there are.
    VideoListQuery query;  // all three types unless narrowed
    query.page_size = kPageSize;
    for (int page = 1;; ++page) {
      query.page = page;
      const VideoPage answer =
          or_exit(client.list_videos(query), "video list page " + std::to_string(page));
      std::cout << "\nvideos, page " << answer.page_info.page << " of "
                << answer.page_info.total_page << " (" << answer.page_info.total_number
                << " in all)\n";
      for (const Video& video : answer.list)
        std::cout << "  " << video.video_name << "  " << video.video_id << "\n";
      if (answer.list.empty() || page >= answer.page_info.total_page) break;
    }

    // Every item: a Result<Video> each, an error (if any) being the last one.
    std::cout << "\nall_videos(), " << kPageSize << " per request:\n";
    int count = 0;
    for (const Result<Video>& video : client.all_videos(query)) {
      std::cout << "  " << ++count << ". " << or_exit(video, "video list").video_name << "\n";
    }

    ScriptListQuery script_query;
    script_query.page_size = kPageSize;
    std::cout << "\nall_scripts(), " << kPageSize << " per request:\n";
    count = 0;
    for (const Result<Script>& script : client.all_scripts(script_query)) {
      const Script& item = or_exit(script, "script list");
      std::cout << "  " << ++count << ". [" << item.script_id << "] "
                << example::one_line(item.title, 60) << "\n";
    }
  });
}
