#include "command_support.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <system_error>

#include "progress.hpp"

namespace tiktok_aigc::cli {
namespace {

const std::optional<std::string>& media_id(const VideoTask& task) { return task.video_id; }
const std::optional<std::string>& media_id(const AvatarVideoTask& task) {
  return task.avatar_video_id;
}

// The file a task's video is saved as: its id, with any character that could leave the
// directory or trouble a shell (the API writes digits, but the name comes from the answer)
// written as '_'.
std::string file_name_for(const std::string& id) {
  std::string name = id.empty() ? "_" : id;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  }
  return name + ".mp4";
}

// Waits (with progress), then downloads what the finished tasks made. `wait` runs the
// client's wait for these tasks with the given options and progress callback.
template <typename Task, typename Wait>
int follow_tasks(Session& session, const std::string& label, bool download_notice,
                 const FollowUp& follow_up, nlohmann::json document, const Status& earlier,
                 const Wait& wait, void (*table)(const std::vector<Task>&, std::ostream&)) {
  Output& output = session.output();
  const bool download = !follow_up.download_dir.empty();
  // Asked before the wait (commands that create tasks ask before creating them).
  if (download && download_notice) {
    if (auto exit = require_notices(session, {kDownload})) return *exit;
  }
  if (download) {
    std::error_code error;
    std::filesystem::create_directories(follow_up.download_dir, error);
    if (error)
      return output.usage_error("--download " + follow_up.download_dir + ": " + error.message());
  }

  Progress progress(output.err(), session.progress_style());
  TaskWait<Task> waited = wait(session.wait(), [&](const std::vector<Task>& tasks) {
    StatusCount count;
    for (const Task& task : tasks) count.add(task.status.wire());
    progress.update(label + ": " + count.text());
  });
  progress.done();
  document["tasks"] = raw_items(waited.tasks);
  Status status = waited.ok() ? earlier : waited.status;

  nlohmann::json downloads = nlohmann::json::array();
  if (download) {
    for (const Task& task : waited.tasks) {
      if (task.status != TaskStatus::success() || !task.preview_url) continue;
      const std::string name = file_name_for(media_id(task).value_or(task.task_id));
      const std::string path = (std::filesystem::path(follow_up.download_dir) / name).string();
      Result<std::uint64_t> bytes =
          session.client().download_preview_to_file(*task.preview_url, path, session.call());
      if (!bytes) {
        if (status.ok()) status = bytes.status();
        continue;
      }
      downloads.push_back({{"task_id", task.task_id}, {"path", path}, {"bytes", *bytes}});
    }
    document["downloads"] = downloads;
  }
  return output.finish(
      std::move(document),
      [&](std::ostream& out) {
        table(waited.tasks, out);
        for (const auto& file : downloads) {
          out << "saved " << file["path"].get<std::string>() << " ("
              << file["bytes"].get<std::uint64_t>() << " bytes)\n";
        }
        if (!waited.pending_task_ids.empty()) {
          out << "still running:";
          for (const std::string& id : waited.pending_task_ids) out << ' ' << id;
          out << '\n';
        }
      },
      status);
}

}  // namespace

std::optional<int> require_notices(Session& session, const std::vector<Notice>& notices) {
  for (const Notice& notice : notices) {
    if (!session.notices().agreed(notice))
      return session.output().usage_error(Notices::refusal(notice));
  }
  return std::nullopt;
}

CLI::Option* add_body_option(CLI::App& command, std::string& path) {
  return command.add_option(
      "--body", path,
      "The request as JSON, from this file or - for stdin (see README: every field the "
      "API takes); the flags set fields on top of it");
}

std::optional<int> read_body_text(Session& session, const std::string& path, std::string& text) {
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return session.output().usage_error("--body " + path + ": cannot be read");
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return std::nullopt;
}

void add_paging_options(CLI::App& command, Paging& paging) {
  command.add_option("--page", paging.page, "Page number, from 1 (API default 1)");
  command.add_option("--page-size", paging.page_size, "Items a page (API default 10)");
  command
      .add_flag("--all", paging.all, "Every page, from the first: {\"list\": [...]} with --json")
      ->excludes("--page");
}

std::string page_footer(const PageInfo& info) {
  if (info.total_number == 0) return "none yet";
  return "page " + std::to_string(info.page) + " of " + std::to_string(info.total_page) + ", " +
         std::to_string(info.total_number) + " in all";
}

void add_follow_up_options(CLI::App& command, FollowUp& follow_up, const std::string& what) {
  command.add_flag("--wait", follow_up.wait,
                   "Wait until every task is SUCCESS or FAILED (see --timeout)");
  command.add_option("--download", follow_up.download_dir,
                     "Wait, then save the " + what +
                         " into this directory as <id>.mp4 (after the download notice)");
}

int follow_video_tasks(Session& session, const std::vector<std::string>& task_ids,
                       const AigcVideoType& type, const FollowUp& follow_up,
                       nlohmann::json document) {
  // The Image to Video document requires no download notice for its output.
  const bool download_notice = type != AigcVideoType::image_animation();
  return follow_tasks<VideoTask>(
      session, "video tasks", download_notice, follow_up, std::move(document), Status{},
      [&](const WaitOptions& wait,
          const std::function<void(const std::vector<VideoTask>&)>& progress) {
        return session.client().wait_for_video_tasks(task_ids, type, wait, progress);
      },
      print_video_tasks);
}

int follow_avatar_video_tasks(Session& session, const std::vector<std::string>& task_ids,
                              const FollowUp& follow_up, nlohmann::json document,
                              const Status& earlier) {
  return follow_tasks<AvatarVideoTask>(
      session, "avatar video tasks", true, follow_up, std::move(document), earlier,
      [&](const WaitOptions& wait,
          const std::function<void(const std::vector<AvatarVideoTask>&)>& progress) {
        return session.client().wait_for_avatar_video_tasks(task_ids, wait, progress);
      },
      print_avatar_video_tasks);
}

void print_video_tasks(const std::vector<VideoTask>& tasks, std::ostream& out) {
  Table table({"TASK_ID", "TYPE", "STATUS", "VIDEO_ID", "PREVIEW_URL / ERROR"});
  for (const VideoTask& task : tasks) {
    table.add({task.task_id, task.aigc_video_type.wire(), task.status.wire(),
               or_dash(task.video_id),
               task.preview_url ? *task.preview_url : or_dash(task.error_msg)});
  }
  table.print(out);
}

void print_avatar_video_tasks(const std::vector<AvatarVideoTask>& tasks, std::ostream& out) {
  Table table({"TASK_ID", "STATUS", "NAME", "AVATAR_VIDEO_ID", "PREVIEW_URL"});
  for (const AvatarVideoTask& task : tasks) {
    table.add({task.task_id, task.status.wire(), task.video_name, or_dash(task.avatar_video_id),
               or_dash(task.preview_url)});
  }
  table.print(out);
}

nlohmann::json json_strings(const std::vector<std::string>& values) {
  nlohmann::json array = nlohmann::json::array();
  for (const std::string& value : values) array.push_back(value);
  return array;
}

std::string comma_list(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ", ") + value;
  return text;
}

}  // namespace tiktok_aigc::cli
