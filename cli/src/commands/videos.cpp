// videos upload: a video into the asset library; videos list: the videos the tasks made.
#include "../command_support.hpp"
#include "../commands.hpp"

namespace tiktok_aigc::cli {
namespace {

struct UploadFlags {
  std::string url;
  std::string body;
};

int upload(Session& session, const UploadFlags& flags) {
  UploadVideoRequest request;
  if (auto exit = read_body(session, flags.body, request)) return *exit;
  if (!flags.url.empty()) request.video_url = flags.url;
  if (request.video_url.empty() && session.on_mock())
    request.video_url = session.sample_video_url();
  if (auto exit = dry_run(session, request)) return *exit;
  if (auto exit = require_notices(session, {kUpload})) return *exit;
  Result<UploadedVideo> uploaded = session.client().upload_video(request, session.call());
  if (!uploaded) return session.output().fail(uploaded.status());
  return session.output().finish(uploaded->raw.json(), [&](std::ostream& out) {
    out << "video_id " << uploaded->video_id << '\n';
  });
}

struct ListFlags {
  std::vector<std::string> types;
  Paging paging;
  std::string body;
};

void print_videos(const std::vector<Video>& videos, std::ostream& out) {
  Table table({"VIDEO_ID", "TYPE", "NAME", "CREATED (UTC)", "PREVIEW_URL"});
  for (const Video& video : videos) {
    table.add({video.video_id, video.aigc_video_type.wire(), video.video_name, video.create_time,
               video.preview_url});
  }
  table.print(out);
}

int list(Session& session, const ListFlags& flags) {
  VideoListQuery query;
  if (auto exit = read_body(session, flags.body, query)) return *exit;
  if (!flags.types.empty()) {
    query.aigc_video_types.clear();
    for (const std::string& type : flags.types) query.aigc_video_types.emplace_back(type);
  }
  if (flags.paging.page_size) query.page_size = flags.paging.page_size;
  if (flags.paging.page) query.page = flags.paging.page;
  if (auto exit = dry_run(session, query)) return *exit;
  if (flags.paging.all)
    return print_every_page<Video>(session, session.client().all_videos(query, session.call()),
                                   print_videos);
  Result<VideoPage> page = session.client().list_videos(query, session.call());
  if (!page) return session.output().fail(page.status());
  return session.output().finish(page->raw.json(), [&](std::ostream& out) {
    print_videos(page->list, out);
    out << page_footer(page->page_info) << '\n';
  });
}

}  // namespace

void add_video_commands(CLI::App& app, Action& chosen) {
  CLI::App* videos =
      app.add_subcommand("videos", "Videos: upload one to the asset library, list the ones made");
  videos->require_subcommand(1);

  auto [upload_command, upload_flags] =
      add_command<UploadFlags>(*videos, "upload",
                               "Upload a video by its public URL (the API fetches it), after the "
                               "upload notice; prints its video_id",
                               chosen, upload);
  upload_command->add_option(
      "url", upload_flags->url,
      "Public URL of an .mp4, .mov, .mpeg or .avi file (with --mock: the mock's sample video)");
  add_body_option(*upload_command, upload_flags->body);

  auto [list_command, list_flags] = add_command<ListFlags>(
      *videos, "list", "The videos the tasks made, newest first", chosen, list);
  list_command->add_option("--type", list_flags->types,
                           "Only videos of this aigc_video_type (repeatable): " +
                               comma_list(api::enums::aigc_video_types()) +
                               " (default: every type)");
  add_paging_options(*list_command, list_flags->paging);
  add_body_option(*list_command, list_flags->body);
}

}  // namespace tiktok_aigc::cli
