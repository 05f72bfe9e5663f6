// What the commands share: --body, paging flags and --all, lists of raw items, waiting for
// tasks and downloading what they made.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "session.hpp"

namespace tiktok_aigc::cli {

// ---- notices ----

// Asks for each notice a command needs (once a run), before it sends anything: an exit code
// when one is not agreed to.
std::optional<int> require_notices(Session& session, const std::vector<Notice>& notices);

// ---- --body ----

CLI::Option* add_body_option(CLI::App& command, std::string& path);

// The JSON text of --body: a file, or stdin for "-". An exit code when it cannot be read
// (said on stderr), else nothing.
std::optional<int> read_body_text(Session& session, const std::string& path, std::string& text);

// Reads the request from --body, when given, into `request`; the command's flags then set
// the fields they name on top of it. An exit code when the body is unusable, else nothing.
template <typename Request>
std::optional<int> read_body(Session& session, const std::string& path, Request& request) {
  if (path.empty()) return std::nullopt;
  std::string text;
  if (auto exit = read_body_text(session, path, text)) return exit;
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return session.output().usage_error("--body " + path + ": not JSON");
  Result<Request> read = request_from_json<Request>(json);
  if (!read) {
    Status status = read.status();
    status.message = "--body " + path + ": " + status.message;
    return session.output().fail(status);
  }
  request = std::move(*read);
  return std::nullopt;
}

// ---- --dry-run ----

// With --dry-run: `request` checked against the documented rules and printed in its JSON
// form (what --body takes) instead of sent; the exit code. Otherwise nothing.
template <typename Request>
std::optional<int> dry_run(Session& session, const Request& request) {
  if (!session.options().dry_run) return std::nullopt;
  if (std::optional<Status> problem = check(request)) return session.output().fail(*problem);
  const nlohmann::json json = request_to_json(request);
  return session.output().finish(json, [&](std::ostream& out) { out << json.dump(2) << '\n'; });
}

// ---- pages ----

struct Paging {
  std::optional<int> page;
  std::optional<int> page_size;
  bool all = false;  // every page, from the first
};

void add_paging_options(CLI::App& command, Paging& paging);

// The answers' items as the API gave them.
template <typename Item>
nlohmann::json raw_items(const std::vector<Item>& items) {
  nlohmann::json list = nlohmann::json::array();
  for (const Item& item : items) list.push_back(item.raw.json());
  return list;
}

// --all: every item of `range`, printed as {"list": [...]} or by `table`. An error part way
// prints what came before it, then the error.
template <typename Item>
int print_every_page(Session& session, PageRange<Item> range,
                     const std::function<void(const std::vector<Item>&, std::ostream&)>& table) {
  std::vector<Item> items;
  Status status;
  for (const Result<Item>& item : range) {
    if (!item) {
      status = item.status();
      break;
    }
    items.push_back(*item);
  }
  return session.output().finish(
      {{"list", raw_items(items)}}, [&](std::ostream& out) { table(items, out); }, status);
}

// "page 1 of 3, 27 in all", or "none yet"
std::string page_footer(const PageInfo& info);

// ---- tasks: --wait and --download ----

struct FollowUp {
  bool wait = false;
  std::string download_dir;  // implies wait
  bool wanted() const { return wait || !download_dir.empty(); }
  // `notices`, and the download notice when there will be downloads.
  std::vector<Notice> with_download_notice(std::vector<Notice> notices) const {
    if (!download_dir.empty()) notices.push_back(kDownload);
    return notices;
  }
};

void add_follow_up_options(CLI::App& command, FollowUp& follow_up, const std::string& what);

// Prints `document` (the create's or query's answer) with the tasks' latest state under
// "tasks" and, with --download, the files under "downloads": after waiting for them when
// asked. Tasks that failed or a wait past --timeout give the matching exit code, else
// `earlier` (what went wrong before the wait, e.g. packages refused) does.
int follow_video_tasks(Session& session, const std::vector<std::string>& task_ids,
                       const AigcVideoType& type, const FollowUp& follow_up,
                       nlohmann::json document);
int follow_avatar_video_tasks(Session& session, const std::vector<std::string>& task_ids,
                              const FollowUp& follow_up, nlohmann::json document,
                              const Status& earlier = {});

// The tables of tasks, shared by the commands that create them and the ones that query them.
void print_video_tasks(const std::vector<VideoTask>& tasks, std::ostream& out);
void print_avatar_video_tasks(const std::vector<AvatarVideoTask>& tasks, std::ostream& out);

// A list of strings as a JSON array, and as "a, b, c" for help texts.
nlohmann::json json_strings(const std::vector<std::string>& values);
std::string comma_list(const std::vector<std::string>& values);

}  // namespace tiktok_aigc::cli
