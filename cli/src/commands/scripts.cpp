// scripts create | get | list: video scripts written from a prompt or from a product.
#include "../command_support.hpp"
#include "../commands.hpp"
#include "../progress.hpp"

namespace tiktok_aigc::cli {
namespace {

void print_scripts(const std::vector<Script>& scripts, std::ostream& out) {
  for (const Script& script : scripts) {
    out << script.script_id << "  " << script.title << '\n' << script.script << "\n\n";
  }
}

void print_task(const ScriptTask& task, std::ostream& out) {
  out << "task_id " << task.task_id << "  " << task.status.wire() << ", " << task.list.size()
      << " script(s)\n\n";
  print_scripts(task.list, out);
}

// ---- scripts create ----

struct CreateFlags {
  std::optional<std::string> source, prompt, duration;
  // product_info
  std::optional<std::string> name, description, brand, currency;
  std::optional<double> price;
  std::vector<std::string> selling_points;
  // media_list
  std::vector<std::string> image_urls, video_ids;
  // script_info
  std::optional<std::string> tone, style, point_of_view, industry, language;
  std::optional<int> count;
  std::string body;
  bool wait = false;
};

void apply_product(const CreateFlags& flags, CreateScriptTaskRequest& request) {
  const bool any = flags.name || flags.description || flags.brand || flags.currency ||
                   flags.price || !flags.selling_points.empty();
  if (!any) return;
  if (!request.product_info) request.product_info.emplace();
  ScriptProductInfo& product = *request.product_info;
  if (flags.name) product.name = *flags.name;
  if (flags.description) product.description = *flags.description;
  if (flags.brand) product.brand = flags.brand;
  if (flags.price) product.price = flags.price;
  if (flags.currency) product.currency = flags.currency;
  if (!flags.selling_points.empty()) product.selling_points = flags.selling_points;
}

void apply_script_info(const CreateFlags& flags, CreateScriptTaskRequest& request) {
  if (!flags.tone && !flags.style && !flags.point_of_view && !flags.industry && !flags.language)
    return;
  if (!request.script_info) request.script_info.emplace();
  ScriptInfo& info = *request.script_info;
  if (flags.tone) info.tone = flags.tone;
  if (flags.style) info.style = flags.style;
  if (flags.point_of_view) info.point_of_view = flags.point_of_view;
  if (flags.industry) info.relevant_industry = flags.industry;
  if (flags.language) info.script_language = ScriptLanguage(*flags.language);
}

int wait_for(Session& session, const std::string& task_id, nlohmann::json document) {
  Progress progress(session.output().err(), session.progress_style());
  TaskWait<ScriptTask> waited =
      session.client().wait_for_script_task(task_id, session.wait(), [&](const ScriptTask& task) {
        progress.update("script task: " + task.status.wire() + ", " +
                        std::to_string(task.list.size()) + " script(s)");
      });
  progress.done();
  if (!waited.tasks.empty()) document["task"] = waited.tasks.front().raw.json();
  return session.output().finish(
      std::move(document),
      [&](std::ostream& out) {
        if (!waited.tasks.empty()) print_task(waited.tasks.front(), out);
      },
      waited.status);
}

int create(Session& session, const CreateFlags& flags) {
  CreateScriptTaskRequest request;
  if (auto exit = read_body(session, flags.body, request)) return *exit;
  if (flags.prompt) request.custom_prompt = flags.prompt;
  apply_product(flags, request);
  // The source follows from what was given, unless named.
  if (flags.source) {
    request.script_source = ScriptSource(*flags.source);
  } else if (request.script_source.wire().empty()) {
    request.script_source = request.product_info ? ScriptSource::product() : ScriptSource::custom();
  }
  if (flags.duration) request.video_duration = VideoDuration(*flags.duration);
  if (!flags.image_urls.empty() || !flags.video_ids.empty()) {
    if (!request.media_list) request.media_list.emplace();
    if (!flags.image_urls.empty()) request.media_list->image_url_list = flags.image_urls;
    if (!flags.video_ids.empty()) request.media_list->video_id_list = flags.video_ids;
  }
  apply_script_info(flags, request);
  if (flags.count) request.script_generation_count = flags.count;
  if (auto exit = dry_run(session, request)) return *exit;
  if (request.media_list) {
    if (auto exit = require_notices(session, {kUpload})) return *exit;
  }
  Result<CreatedScriptTask> task = session.client().create_script_task(request, session.call());
  if (!task) return session.output().fail(task.status());
  if (flags.wait) return wait_for(session, task->task_id, task->raw.json());
  return session.output().finish(task->raw.json(), [&](std::ostream& out) {
    out << "task_id " << task->task_id << "\nfollow with: tiktok-aigc scripts get --wait "
        << task->task_id << '\n';
  });
}

// ---- scripts get ----

struct GetFlags {
  std::string task_id;
  std::string body;
  bool wait = false;
};

int get(Session& session, const GetFlags& flags) {
  ScriptTaskQuery query;
  if (auto exit = read_body(session, flags.body, query)) return *exit;
  if (!flags.task_id.empty()) query.task_id = flags.task_id;
  if (auto exit = dry_run(session, query)) return *exit;
  if (flags.wait) return wait_for(session, query.task_id, {{"task_id", query.task_id}});
  Result<ScriptTask> task = session.client().get_script_task(query, session.call());
  if (!task) return session.output().fail(task.status());
  return session.output().finish(task->raw.json(),
                                 [&](std::ostream& out) { print_task(*task, out); });
}

// ---- scripts list ----

struct ListFlags {
  Paging paging;
  std::string body;
};

int list(Session& session, const ListFlags& flags) {
  ScriptListQuery query;
  if (auto exit = read_body(session, flags.body, query)) return *exit;
  if (flags.paging.page_size) query.page_size = flags.paging.page_size;
  if (flags.paging.page) query.page = flags.paging.page;
  if (auto exit = dry_run(session, query)) return *exit;
  if (flags.paging.all) {
    return print_every_page<Script>(session, session.client().all_scripts(query, session.call()),
                                    print_scripts);
  }
  Result<ScriptPage> page = session.client().list_scripts(query, session.call());
  if (!page) return session.output().fail(page.status());
  return session.output().finish(page->raw.json(), [&](std::ostream& out) {
    print_scripts(page->list, out);
    out << page_footer(page->page_info) << '\n';
  });
}

}  // namespace

void add_script_commands(CLI::App& app, Action& chosen) {
  CLI::App* group =
      app.add_subcommand("scripts", "Video scripts: create from a prompt or a product, get, list");
  group->require_subcommand(1);

  auto [create_command, create_flags] = add_command<CreateFlags>(
      *group, "create",
      "Write scripts from --prompt (CUSTOM) or from a product (--product-name ..., PRODUCT)",
      chosen, create);
  create_command->add_option("--source", create_flags->source,
                             "script_source: " + comma_list(api::enums::script_sources()) +
                                 " (default: PRODUCT with product flags, else CUSTOM)");
  create_command->add_option("--prompt", create_flags->prompt, "custom_prompt (CUSTOM)");
  create_command->add_option("--product-name", create_flags->name, "Product: its name");
  create_command->add_option("--product-description", create_flags->description,
                             "Product: its description");
  create_command->add_option("--brand", create_flags->brand, "Product: its brand");
  create_command->add_option("--price", create_flags->price, "Product: its price");
  create_command->add_option("--currency", create_flags->currency,
                             "Product: the price's currency (ISO 4217)");
  create_command->add_option("--selling-point", create_flags->selling_points,
                             "Product: a selling point (repeatable)");
  create_command->add_option("--image-url", create_flags->image_urls,
                             "media_list: a product image's URL (repeatable)");
  create_command->add_option("--video-id", create_flags->video_ids,
                             "media_list: an uploaded video's id (repeatable)");
  create_command->add_option(
      "--duration", create_flags->duration,
      "video_duration (PRODUCT): " + comma_list(api::enums::video_durations()));
  create_command->add_option("--tone", create_flags->tone,
                             "script_info.tone, e.g. " + comma_list(recommended_tones()));
  create_command->add_option("--style", create_flags->style, "script_info.style");
  create_command->add_option("--point-of-view", create_flags->point_of_view,
                             "script_info.point_of_view");
  create_command->add_option("--industry", create_flags->industry, "script_info.relevant_industry");
  create_command->add_option(
      "--language", create_flags->language,
      "script_info.script_language: " + comma_list(api::enums::script_languages()));
  create_command->add_option("--count", create_flags->count,
                             "script_generation_count: scripts to write");
  add_body_option(*create_command, create_flags->body);
  create_command->add_flag("--wait", create_flags->wait,
                           "Wait until the task is SUCCESS or FAILED");

  auto [get_command, get_flags] = add_command<GetFlags>(
      *group, "get", "A script task and the scripts written so far", chosen, get);
  get_command->add_option("task_id", get_flags->task_id, "The task's id");
  add_body_option(*get_command, get_flags->body);
  get_command->add_flag("--wait", get_flags->wait, "Wait until the task is SUCCESS or FAILED");

  auto [list_command, list_flags] =
      add_command<ListFlags>(*group, "list", "The scripts written", chosen, list);
  add_paging_options(*list_command, list_flags->paging);
  add_body_option(*list_command, list_flags->body);
}

}  // namespace tiktok_aigc::cli
