// The commands that make video tasks (video-tasks create, image-animation create, dubbing
// create) and the one that follows them (video-tasks get).
#include "../command_support.hpp"
#include "../commands.hpp"

namespace tiktok_aigc::cli {
namespace {

// After a create: the answer, then (with --wait or --download) the tasks' end.
int created(Session& session, const Result<CreatedVideoTasks>& tasks, const AigcVideoType& type,
            const FollowUp& follow_up) {
  if (!tasks) return session.output().fail(tasks.status());
  if (follow_up.wanted())
    return follow_video_tasks(session, tasks->task_ids, type, follow_up, tasks->raw.json());
  return session.output().finish(tasks->raw.json(), [&](std::ostream& out) {
    for (const std::string& id : tasks->task_ids) out << "task_id " << id << '\n';
    out << "follow with: tiktok-aigc video-tasks get --type " << type.wire() << " --wait";
    for (const std::string& id : tasks->task_ids) out << ' ' << id;
    out << '\n';
  });
}

// ---- video-tasks create ----

struct ProductFlags {
  std::optional<std::string> source_language, name, title, description, brand, currency;
  std::vector<std::string> selling_points;
  std::optional<double> price;
};

struct CreateFlags {
  std::optional<std::string> type;
  std::optional<int> count;
  std::optional<std::string> language;
  std::vector<std::string> image_urls, video_ids;
  std::optional<std::string> avatar_id;
  ProductFlags product;
  std::string body;
  FollowUp follow_up;
};

void apply(const ProductFlags& flags, std::vector<VideoProductInfo>& products) {
  const bool any = flags.source_language || flags.name || flags.title || flags.description ||
                   flags.brand || flags.currency || flags.price || !flags.selling_points.empty();
  if (!any) return;
  if (products.empty()) products.emplace_back();
  VideoProductInfo& product = products.front();
  if (flags.source_language) product.source_language = *flags.source_language;
  if (flags.name) product.product_name = *flags.name;
  if (flags.title) product.title = *flags.title;
  if (flags.description) product.description = *flags.description;
  if (!flags.selling_points.empty()) product.selling_points = flags.selling_points;
  if (flags.brand) product.brand = flags.brand;
  if (flags.price) product.price = flags.price;
  if (flags.currency) product.currency = flags.currency;
}

int create(Session& session, const CreateFlags& flags) {
  CreateVideoTaskRequest request;
  if (auto exit = read_body(session, flags.body, request)) return *exit;
  if (flags.type) request.aigc_video_type = AigcVideoType(*flags.type);
  ProductVideoInfo& info = request.product_video_info;
  if (flags.count) info.video_generation_count = flags.count;
  if (flags.language) info.target_language = TargetLanguage(*flags.language);
  if (!flags.image_urls.empty()) info.image_url_list = flags.image_urls;
  if (!flags.video_ids.empty()) info.video_id_list = flags.video_ids;
  if (flags.avatar_id) info.avatar_id = flags.avatar_id;
  apply(flags.product, info.product_info_list);

  if (auto exit = dry_run(session, request)) return *exit;
  // Assets submitted here (images, videos to dub) need the upload notice; uploaded video ids
  // had it at their upload.
  std::vector<Notice> notices;
  const bool dubbing = request.aigc_video_type == AigcVideoType::dubbing();
  if (info.image_url_list || dubbing) notices.push_back(kUpload);
  if (dubbing) notices.push_back(kDubbing);
  if (auto exit = require_notices(session, flags.follow_up.with_download_notice(notices)))
    return *exit;
  return created(session, session.client().create_video_tasks(request, session.call()),
                 request.aigc_video_type, flags.follow_up);
}

void add_product_options(CLI::App& command, ProductFlags& product) {
  command.add_option("--source-language", product.source_language,
                     "Product: the language its text is in (e.g. en)");
  command.add_option("--product-name", product.name, "Product: its name");
  command.add_option("--title", product.title, "Product: its title");
  command.add_option("--description", product.description, "Product: its description");
  command.add_option("--selling-point", product.selling_points,
                     "Product: a selling point (repeatable)");
  command.add_option("--brand", product.brand, "Product: its brand");
  command.add_option("--price", product.price, "Product: its price");
  command.add_option("--currency", product.currency,
                     "Product: the price's currency, ISO 4217 (e.g. USD)");
}

// ---- video-tasks get ----

struct GetFlags {
  std::vector<std::string> task_ids;
  std::optional<std::string> type;
  std::string body;
  FollowUp follow_up;
};

int get(Session& session, const GetFlags& flags) {
  VideoTaskQuery query;
  if (auto exit = read_body(session, flags.body, query)) return *exit;
  if (!flags.task_ids.empty()) query.task_ids = flags.task_ids;
  if (flags.type) query.aigc_video_type = AigcVideoType(*flags.type);
  if (auto exit = dry_run(session, query)) return *exit;
  if (flags.follow_up.wanted()) {
    return follow_video_tasks(session, query.task_ids, query.aigc_video_type, flags.follow_up,
                              {{"task_ids", json_strings(query.task_ids)}});
  }
  Result<VideoTaskList> tasks = session.client().get_video_tasks(query, session.call());
  if (!tasks) return session.output().fail(tasks.status());
  return session.output().finish(tasks->raw.json(),
                                 [&](std::ostream& out) { print_video_tasks(tasks->list, out); });
}

// ---- image-animation create ----

struct AnimationFlags {
  std::optional<std::string> image_url, background_prompt, animation_prompt;
  bool change_background = false;
  std::optional<int> count;
  std::string body;
  FollowUp follow_up;
};

int animate(Session& session, const AnimationFlags& flags) {
  CreateImageAnimationTaskRequest request;
  if (auto exit = read_body(session, flags.body, request)) return *exit;
  if (flags.image_url) request.image_url = *flags.image_url;
  if (request.image_url.empty() && session.on_mock())
    request.image_url = session.sample_image_url();
  if (flags.change_background) request.change_background = true;
  if (flags.background_prompt) request.background_prompt = flags.background_prompt;
  if (flags.animation_prompt) request.animation_prompt = flags.animation_prompt;
  if (flags.count) request.video_generation_count = flags.count;
  if (auto exit = dry_run(session, request)) return *exit;
  // No download notice: its document exempts image animation output (follow_video_tasks).
  if (auto exit = require_notices(session, {kUpload})) return *exit;
  return created(session, session.client().create_image_animation_tasks(request, session.call()),
                 AigcVideoType::image_animation(), flags.follow_up);
}

// ---- dubbing create ----

struct DubbingFlags {
  std::optional<std::string> video_url, language, name;
  bool lipsync = false, subtitles = false;
  std::string body;
  FollowUp follow_up;
};

int dub(Session& session, const DubbingFlags& flags) {
  CreateVideoTaskRequest request;
  if (auto exit = read_body(session, flags.body, request)) return *exit;
  request.aigc_video_type = AigcVideoType::dubbing();
  std::vector<DubbingVideoInfo>& videos = request.dubbing_video_info;
  const bool any =
      flags.video_url || flags.language || flags.name || flags.lipsync || flags.subtitles;
  if (videos.empty() && (any || session.on_mock())) videos.emplace_back();
  if (!videos.empty()) {  // the flags set the first video
    DubbingVideoInfo& video = videos.front();
    if (flags.video_url) video.video_url = *flags.video_url;
    if (video.video_url.empty() && session.on_mock()) video.video_url = session.sample_video_url();
    if (flags.language) video.target_language = DubbingLanguage(*flags.language);
    if (flags.name) video.video_name = flags.name;
    if (flags.lipsync) video.lipsync_enabled = true;
    if (flags.subtitles) video.subtitle_enabled = true;
  }
  if (auto exit = dry_run(session, request)) return *exit;
  if (auto exit =
          require_notices(session, flags.follow_up.with_download_notice({kUpload, kDubbing})))
    return *exit;
  return created(session, session.client().create_video_tasks(request, session.call()),
                 AigcVideoType::dubbing(), flags.follow_up);
}

}  // namespace

void add_video_task_commands(CLI::App& app, Action& chosen) {
  CLI::App* group =
      app.add_subcommand("video-tasks", "Video generation and remix tasks: create, get");
  group->require_subcommand(1);

  auto [create_command, create_flags] =
      add_command<CreateFlags>(*group, "create",
                               "Create video tasks from a product (STOCK_VIDEO, AVATAR_PRODUCT, "
                               "VOICEOVER) or, with --body, any type",
                               chosen, create);
  create_command->add_option("--type", create_flags->type,
                             "aigc_video_type: " + comma_list(api::enums::aigc_video_types()));
  create_command->add_option("--count", create_flags->count,
                             "video_generation_count: videos to make");
  create_command->add_option(
      "--language", create_flags->language,
      "target_language (AVATAR_PRODUCT, VOICEOVER): " + comma_list(api::enums::target_languages()));
  create_command->add_option("--image-url", create_flags->image_urls,
                             "A product image URL (repeatable; AVATAR_PRODUCT)");
  create_command->add_option("--video-id", create_flags->video_ids,
                             "An uploaded video's id (repeatable; STOCK_VIDEO, VOICEOVER)");
  create_command->add_option("--avatar-id", create_flags->avatar_id,
                             "The avatar (AVATAR_PRODUCT; see avatars list)");
  add_product_options(*create_command, create_flags->product);
  add_body_option(*create_command, create_flags->body);
  add_follow_up_options(*create_command, create_flags->follow_up, "videos");

  auto [get_command, get_flags] = add_command<GetFlags>(
      *group, "get", "The state of video tasks; --wait follows them to the end", chosen, get);
  get_command->add_option("task_ids", get_flags->task_ids,
                          "Task ids (a query takes a few; --wait takes any number)");
  get_command->add_option("--type", get_flags->type,
                          "The tasks' aigc_video_type (the API needs it)");
  add_body_option(*get_command, get_flags->body);
  add_follow_up_options(*get_command, get_flags->follow_up, "videos");
}

void add_image_animation_commands(CLI::App& app, Action& chosen) {
  CLI::App* group = app.add_subcommand("image-animation", "Image to Video: animate a still image");
  group->require_subcommand(1);
  auto [command, flags] =
      add_command<AnimationFlags>(*group, "create",
                                  "Animate an image into videos (one task each; follow with "
                                  "video-tasks get --type IMAGE_ANIMATION)",
                                  chosen, animate);
  command->add_option("--image-url", flags->image_url,
                      "A JPG or PNG image's URL (with --mock: the mock's sample)");
  command->add_flag("--change-background", flags->change_background, "Replace the background");
  command->add_option("--background-prompt", flags->background_prompt,
                      "The new background (with --change-background)");
  command->add_option("--animation-prompt", flags->animation_prompt,
                      "How it moves (default: the API picks)");
  command->add_option("--count", flags->count, "video_generation_count: videos to make");
  add_body_option(*command, flags->body);
  add_follow_up_options(*command, flags->follow_up, "videos");
}

void add_dubbing_commands(CLI::App& app, Action& chosen) {
  CLI::App* group =
      app.add_subcommand("dubbing", "Dubbed Translations: a video dubbed into another language");
  group->require_subcommand(1);
  auto [command, flags] =
      add_command<DubbingFlags>(*group, "create",
                                "Dub a video (after the upload notice and the dubbing consent); "
                                "more videos and your own timed scripts "
                                "with --body. Follow with video-tasks get --type DUBBING",
                                chosen, dub);
  command->add_option("--video-url", flags->video_url,
                      "Public URL of the video (with --mock: the mock's sample)");
  command->add_option("--language", flags->language,
                      "The language to dub into: " + comma_list(api::enums::dubbing_languages()));
  command->add_option("--name", flags->name, "video_name of the dubbed video");
  command->add_flag("--lipsync", flags->lipsync, "Lip sync (takes longer)");
  command->add_flag("--subtitles", flags->subtitles, "Burn in subtitles");
  add_body_option(*command, flags->body);
  add_follow_up_options(*command, flags->follow_up, "dubbed videos");
}

}  // namespace tiktok_aigc::cli
