// Digital Avatar: avatars list (the catalogue); avatar-videos create | get | list | rename.
#include "../command_support.hpp"
#include "../commands.hpp"

namespace tiktok_aigc::cli {
namespace {

// ---- avatars list ----

struct CatalogueFlags {
  Paging paging;
  std::string body;
};

void print_avatars(const std::vector<Avatar>& avatars, std::ostream& out) {
  Table table({"AVATAR_ID", "NAME", "THUMBNAIL_URL"});
  for (const Avatar& avatar : avatars)
    table.add({avatar.avatar_id, avatar.avatar_name, avatar.avatar_thumbnail});
  table.print(out);
}

int list_avatars(Session& session, const CatalogueFlags& flags) {
  AvatarListQuery query;
  if (auto exit = read_body(session, flags.body, query)) return *exit;
  if (flags.paging.page) query.page = flags.paging.page;
  if (auto exit = dry_run(session, query)) return *exit;
  if (flags.paging.all)
    return print_every_page<Avatar>(session, session.client().all_avatars(session.call()),
                                    print_avatars);
  if (flags.paging.page_size) query.page_size = flags.paging.page_size;
  Result<AvatarPage> page = session.client().list_avatars(query, session.call());
  if (!page) return session.output().fail(page.status());
  return session.output().finish(page->raw.json(), [&](std::ostream& out) {
    print_avatars(page->list, out);
    if (page->page_info) out << page_footer(*page->page_info) << '\n';
  });
}

// ---- avatar-videos create ----

struct CreateFlags {
  std::optional<std::string> avatar_id, script, name, package_id;
  std::string body;
  FollowUp follow_up;
};

// The packages the API refused, as one error (their tasks are not made); ok when none was.
Status refused_packages(const CreatedAvatarVideoTasks& tasks) {
  std::string message;
  for (std::size_t i = 0; i < tasks.list.size(); ++i) {
    if (!tasks.list[i].failed()) continue;
    message += (message.empty() ? "" : "; ") + std::string("material_packages[") +
               std::to_string(i) + "]: " + tasks.list[i].error_msg.value_or("no task was made");
  }
  return message.empty() ? Status{} : Status{ErrorCategory::invalid_argument, message};
}

void print_created(const CreatedAvatarVideoTasks& tasks, std::ostream& out) {
  Table table({"PACKAGE_ID", "TASK_ID", "ERROR"});
  for (const CreatedAvatarVideoTask& task : tasks.list) {
    table.add({or_dash(task.package_id), or_dash(task.task_id), or_dash(task.error_msg)});
  }
  table.print(out);
}

int create(Session& session, const CreateFlags& flags) {
  CreateAvatarVideoTasksRequest request;
  if (auto exit = read_body(session, flags.body, request)) return *exit;
  std::vector<AvatarMaterialPackage>& packages = request.material_packages;
  if (packages.empty() && (flags.avatar_id || flags.script || flags.name || flags.package_id))
    packages.emplace_back();
  if (!packages.empty()) {  // the flags set the first package
    AvatarMaterialPackage& package = packages.front();
    if (flags.avatar_id) package.avatar_id = *flags.avatar_id;
    if (flags.script) package.script = *flags.script;
    if (flags.name) package.video_name = flags.name;
    if (flags.package_id) package.package_id = flags.package_id;
  }
  if (auto exit = dry_run(session, request)) return *exit;
  if (auto exit = require_notices(session, flags.follow_up.with_download_notice({kUpload})))
    return *exit;
  Result<CreatedAvatarVideoTasks> tasks =
      session.client().create_avatar_video_tasks(request, session.call());
  if (!tasks) return session.output().fail(tasks.status());
  const Status refused = refused_packages(*tasks);
  if (!flags.follow_up.wanted() || tasks->task_ids().empty()) {
    return session.output().finish(
        tasks->raw.json(), [&](std::ostream& out) { print_created(*tasks, out); }, refused);
  }
  return follow_avatar_video_tasks(session, tasks->task_ids(), flags.follow_up, tasks->raw.json(),
                                   refused);
}

// ---- avatar-videos get ----

struct GetFlags {
  std::vector<std::string> task_ids;
  std::string body;
  FollowUp follow_up;
};

int get(Session& session, const GetFlags& flags) {
  AvatarVideoTaskQuery query;
  if (auto exit = read_body(session, flags.body, query)) return *exit;
  if (!flags.task_ids.empty()) query.task_ids = flags.task_ids;
  if (auto exit = dry_run(session, query)) return *exit;
  if (flags.follow_up.wanted()) {
    return follow_avatar_video_tasks(session, query.task_ids, flags.follow_up,
                                     {{"task_ids", json_strings(query.task_ids)}});
  }
  Result<AvatarVideoTaskList> tasks =
      session.client().get_avatar_video_tasks(query, session.call());
  if (!tasks) return session.output().fail(tasks.status());
  return session.output().finish(
      tasks->raw.json(), [&](std::ostream& out) { print_avatar_video_tasks(tasks->list, out); });
}

// ---- avatar-videos list ----

struct ListFlags {
  std::optional<std::string> avatar_id, from, to;
  Paging paging;
  std::string body;
};

void print_avatar_videos(const std::vector<AvatarVideo>& videos, std::ostream& out) {
  Table table({"AVATAR_VIDEO_ID", "NAME", "AVATAR_ID", "CREATED (UTC)", "PREVIEW_URL"});
  for (const AvatarVideo& video : videos) {
    table.add({video.avatar_video_id, video.video_name, video.avatar_id, video.create_time,
               video.preview_url});
  }
  table.print(out);
}

int list(Session& session, const ListFlags& flags) {
  AvatarVideoListQuery query;
  if (auto exit = read_body(session, flags.body, query)) return *exit;
  if (flags.avatar_id) query.avatar_id = flags.avatar_id;
  if (flags.from) query.start_date = flags.from;
  if (flags.to) query.end_date = flags.to;
  if (flags.paging.page_size) query.page_size = flags.paging.page_size;
  if (flags.paging.page) query.page = flags.paging.page;
  if (auto exit = dry_run(session, query)) return *exit;
  if (flags.paging.all) {
    return print_every_page<AvatarVideo>(
        session, session.client().all_avatar_videos(query, session.call()), print_avatar_videos);
  }
  Result<AvatarVideoPage> page = session.client().list_avatar_videos(query, session.call());
  if (!page) return session.output().fail(page.status());
  return session.output().finish(page->raw.json(), [&](std::ostream& out) {
    print_avatar_videos(page->list, out);
    out << page_footer(page->page_info) << '\n';
  });
}

// ---- avatar-videos rename ----

struct RenameFlags {
  std::string avatar_video_id, name;
  std::string body;
};

int rename(Session& session, const RenameFlags& flags) {
  RenameAvatarVideoRequest request;
  if (auto exit = read_body(session, flags.body, request)) return *exit;
  if (!flags.avatar_video_id.empty()) request.avatar_video_id = flags.avatar_video_id;
  if (!flags.name.empty()) request.file_name = flags.name;
  if (auto exit = dry_run(session, request)) return *exit;
  Result<RenamedAvatarVideo> renamed =
      session.client().rename_avatar_video(request, session.call());
  if (!renamed) return session.output().fail(renamed.status());
  return session.output().finish(renamed->raw.json(), [&](std::ostream& out) {
    out << "renamed " << request.avatar_video_id << " to " << request.file_name << '\n';
  });
}

}  // namespace

void add_avatar_commands(CLI::App& app, Action& chosen) {
  CLI::App* group = app.add_subcommand("avatars", "Digital Avatar: the avatars to choose from");
  group->require_subcommand(1);
  auto [command, flags] =
      add_command<CatalogueFlags>(*group, "list", "The avatar catalogue", chosen, list_avatars);
  add_paging_options(*command, flags->paging);
  add_body_option(*command, flags->body);
}

void add_avatar_video_commands(CLI::App& app, Action& chosen) {
  CLI::App* group =
      app.add_subcommand("avatar-videos", "Digital Avatar videos: an avatar saying a script");
  group->require_subcommand(1);

  auto [create_command, create_flags] = add_command<CreateFlags>(
      *group, "create",
      "Make a video of an avatar saying a script (up to five with --body: one task each)", chosen,
      create);
  create_command->add_option("--avatar-id", create_flags->avatar_id,
                             "The avatar (see avatars list)");
  create_command->add_option("--script", create_flags->script, "What the avatar says");
  create_command->add_option("--name", create_flags->name, "video_name of the video");
  create_command->add_option("--package-id", create_flags->package_id,
                             "A label of yours, given back beside the task");
  add_body_option(*create_command, create_flags->body);
  add_follow_up_options(*create_command, create_flags->follow_up, "videos");

  auto [get_command, get_flags] = add_command<GetFlags>(
      *group, "get", "The state of avatar video tasks; --wait follows them to the end", chosen,
      get);
  get_command->add_option("task_ids", get_flags->task_ids,
                          "Task ids (a query takes a few; --wait takes any number)");
  add_body_option(*get_command, get_flags->body);
  add_follow_up_options(*get_command, get_flags->follow_up, "videos");

  auto [list_command, list_flags] =
      add_command<ListFlags>(*group, "list", "The avatar videos made, newest first", chosen, list);
  list_command->add_option("--avatar-id", list_flags->avatar_id, "Only this avatar's videos");
  list_command->add_option("--from", list_flags->from, "Made on or after this UTC day, YYYY-MM-DD");
  list_command->add_option("--to", list_flags->to, "Made on or before this UTC day, YYYY-MM-DD");
  add_paging_options(*list_command, list_flags->paging);
  add_body_option(*list_command, list_flags->body);

  auto [rename_command, rename_flags] =
      add_command<RenameFlags>(*group, "rename", "Rename an avatar video", chosen, rename);
  rename_command->add_option("avatar_video_id", rename_flags->avatar_video_id,
                             "The video's avatar_video_id");
  rename_command->add_option("name", rename_flags->name, "Its new name");
  add_body_option(*rename_command, rename_flags->body);
}

}  // namespace tiktok_aigc::cli
