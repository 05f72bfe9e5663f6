#include "api_handlers.hpp"

#include <set>
#include <string_view>
#include <utility>

#include "avatar_handlers.hpp"
#include "handler_support.hpp"
#include "media_host.hpp"

namespace tiktok_aigc::mock {
namespace {

using nlohmann::json;

// The error_msg of a FAILED task (quirk 27).
constexpr const char* kGenerationFailed = "The video could not be generated from the materials given.";

Answer error(const Call& call, const api::Violation& e) { return envelope(call.request_id, e.code, e.message); }

std::vector<std::string> strings_at(const json& body, const json::json_pointer& pointer) {
  std::vector<std::string> out;
  if (body.contains(pointer) && body.at(pointer).is_array()) {
    for (const auto& item : body.at(pointer)) out.push_back(item.get<std::string>());
  }
  return out;
}

// The text at `pointer`, or "" when the body has none there.
std::string string_at(const json& body, const char* pointer) {
  const json::json_pointer at(pointer);
  return body.contains(at) && body.at(at).is_string() ? body.at(at).get<std::string>() : std::string();
}

json scripts_json(const std::vector<ScriptView>& scripts) {
  json list = json::array();
  for (const auto& script : scripts) {
    list.push_back(
        {{"script_id", script.script_id}, {"title", script.title}, {"script", script.script}});
  }
  return list;
}

Answer upload(MockState& mock, const Call& call) {
  const std::string url = call.request.at("video_url");
  if (may_fetch(url, mock.fetch_policy)) {
    if (auto e = fetch_and_check(url, mock.fetch_policy)) return error(call, *e);
  }
  const std::string video_id = mock.store.add_upload(call.token, call.now);
  // Quirk 3: an array, as the live API answers, unless the object form is asked for.
  json item = {{"video_id", video_id}};
  return ok(call,
            mock.options.upload_response == UploadResponseShape::array ? json::array({item}) : item);
}

// One task per video to dub. A source the mock may fetch (loopback, --fetch-allow) gets the
// upload's checks; one that fails them makes its task FAILED with the reason (quirk 40).
Answer dubbing_task_create(MockState& mock, const Call& call) {
  const api::ValueRule& item_rule = *api::rule_at(call.endpoint.request(), {"dubbing_video_info"})->items;
  std::vector<Dubbing> videos;
  for (const json& item : call.request.at("dubbing_video_info")) {
    Dubbing video;
    video.language = item.at("target_languages").at(0);
    video.lipsync = api::value_or_default(item_rule, item, {"lipsync_enabled"});
    if (item.contains("video_name") && item["video_name"].is_string()) video.video_name = item["video_name"];
    for (const json& segment : item.value("scripts", json::array())) {
      video.scripts.push_back({segment.at("text"), segment.at("text_start_time"), segment.at("text_end_time")});
    }
    const std::string url = item.at("video_url");
    if (may_fetch(url, mock.fetch_policy)) {
      if (auto problem = fetch_and_check(url, mock.fetch_policy)) video.error_msg = problem->message;
    }
    videos.push_back(std::move(video));
  }
  return ok(call, {{"task_ids", mock.store.create_dubbing_tasks(call.token, std::move(videos), call.now)}});
}

// The segments a dubbed video's list entry shows (quirk 42): the scripts sent, as both the
// original and the translation; else the mock's own transcript, and its translation at the
// same times.
json dubbing_info(const Dubbing& video) {
  const auto segments = [](const std::vector<DubbingSegment>& list, const std::string& tag) {
    json out = json::array();
    for (const DubbingSegment& segment : list) {
      out.push_back({{"text", tag + segment.text}, {"text_start_time", segment.start_ms}, {"text_end_time", segment.end_ms}});
    }
    return out;
  };
  if (!video.scripts.empty()) {
    const json scripts = segments(video.scripts, "");
    return {{"original_scripts", scripts}, {"translated_scripts", scripts}, {"target_language", video.language}};
  }
  static const std::vector<DubbingSegment> kTranscript = {
      {"Meet the product everyone is talking about.", 0, 4000},
      {"Order today and see the difference for yourself.", 4001, 8000}};
  return {{"original_scripts", segments(kTranscript, "")},
          {"translated_scripts", segments(kTranscript, "[" + video.language + "] ")},
          {"target_language", video.language}};
}

Answer video_task_create(MockState& mock, const Call& call) {
  const json& body = call.request;
  const std::string type = body.at("aigc_video_type");
  if (type == api::enums::aigc_video_type::kDubbing) return dubbing_task_create(mock, call);
  if (type == api::enums::aigc_video_type::kAvatarProduct) {
    if (auto refused = refuse_unless_allowlisted(mock, call, "aigc_video_type: AVATAR_PRODUCT")) return *refused;
  }
  const auto video_ids =
      strings_at(body, json::json_pointer("/product_video_info/input_video_list/video_id_list"));
  if (auto unknown = mock.store.find_unknown_upload(call.token, video_ids)) {
    return envelope(call.request_id, api::codes::kNotExist,
                    "product_video_info.input_video_list.video_id_list: video " + *unknown +
                        " does not exist");
  }
  const int count = call.value_or_default({"product_video_info", "video_generation_count"});
  return ok(call, {{"task_ids", mock.store.create_video_tasks(call.token, type, count, call.now)}});
}

Answer video_task_list(MockState& mock, const Call& call) {
  const json& query = call.request;
  std::string unknown;
  const auto views = mock.store.video_tasks(
      call.token, query.at("task_ids").get<std::vector<std::string>>(), call.now, unknown);
  if (!views) {
    return envelope(call.request_id, api::codes::kNotExist,
                    "task_ids: task " + unknown + " does not exist");
  }
  // Quirk 6: without aigc_video_type only dubbing tasks come back.
  const std::string filter = query.value("aigc_video_type", api::enums::aigc_video_type::kDubbing);
  json list = json::array();
  for (const auto& view : *views) {
    if (view.aigc_video_type != filter) continue;
    json item = {{"task_id", view.task_id},
                 {"aigc_video_type", view.aigc_video_type},
                 {"status", view.status},
                 {"video_name", view.video_name}};  // quirk 27
    if (view.status == api::enums::task_status::kSuccess) {
      item["video_id"] = view.video_id;
      item["preview_url"] = media_url(call.media_base, mock.store, Media::preview, view.video_id, view.preview.expires);
    }
    if (view.status == api::enums::task_status::kFailed) {
      const bool source_failed = view.dubbing && !view.dubbing->error_msg.empty();
      item["error_msg"] = source_failed ? view.dubbing->error_msg : kGenerationFailed;
    }
    list.push_back(std::move(item));
  }
  return ok(call, {{"list", std::move(list)}});
}

Answer video_list(MockState& mock, const Call& call) {
  const json& query = call.request;
  const std::size_t page = call.value_or_default({"page"});
  const std::size_t page_size = call.value_or_default({"page_size"});
  std::set<std::string> types;
  if (query.contains("aigc_video_types")) {
    for (const auto& type : query["aigc_video_types"]) types.insert(type.get<std::string>());
  } else {
    types.insert(api::enums::aigc_video_type::kDubbing);  // quirk 6: dubbed videos only
  }
  const auto result = mock.store.videos(call.token, types, page, page_size, call.now);
  // Quirk 28: nothing of an IMAGE_ANIMATION filter is data {}.
  if (result.total == 0 && types.count(api::enums::aigc_video_type::kImageAnimation) != 0) {
    return envelope_around(call.request_id, api::codes::kOk, api::kOkMessage, "{}");
  }
  std::string data = "{\"list\":[";
  for (const auto& video : result.items) {
    if (&video != &result.items.front()) data += ',';
    const std::string created = format_utc(video.created, "%Y-%m-%d %H:%M:%S");
    const std::string url = media_url(call.media_base, mock.store, Media::preview, video.video_id, video.preview.expires);
    const std::pair<const char*, std::string_view> fields[] = {
        {"{\"aigc_video_type\":", video.aigc_video_type},
        {",\"create_time\":", created},
        {",\"preview_url\":", url},
        {",\"video_id\":", video.video_id},
        {",\"video_name\":", video.video_name}};
    for (const auto& [key, value] : fields) {
      data += key;
      append_json_string(data, value);
    }
    if (video.dubbing) data += ",\"dubbing_info\":" + dubbing_info(*video.dubbing).dump();
    data += '}';
  }
  data += "],\"page_info\":" + page_info(page, page_size, result.total).dump() + "}";
  return envelope_around(call.request_id, api::codes::kOk, api::kOkMessage, data);
}

// One task per video, listed as IMAGE_ANIMATION. The image is not fetched: one the API cannot
// use would make the tasks FAILED (quirk 29), and outcomes are the test's to choose.
Answer image_animation_task_create(MockState& mock, const Call& call) {
  const int count = call.value_or_default({"video_generation_count"});
  return ok(call, {{"task_ids", mock.store.create_video_tasks(
                                    call.token, api::enums::aigc_video_type::kImageAnimation, count, call.now)}});
}

Answer script_task_create(MockState& mock, const Call& call) {
  const json& body = call.request;
  const auto video_ids = strings_at(body, json::json_pointer("/media_list/video_id_list"));
  if (auto unknown = mock.store.find_unknown_upload(call.token, video_ids)) {
    return envelope(call.request_id, api::codes::kNotExist,
                    "media_list.video_id_list: video " + *unknown + " does not exist");
  }
  ScriptBrief brief;
  brief.custom = body.at("script_source") == api::enums::script_source::kCustom;
  brief.custom_prompt = string_at(body, "/custom_prompt");
  brief.video_duration = string_at(body, "/video_duration");
  brief.product_name = string_at(body, "/product_info/name");
  brief.brand = string_at(body, "/product_info/brand");
  brief.description = string_at(body, "/product_info/description");
  brief.currency = call.value_or_default({"product_info", "currency"});
  const json::json_pointer price("/product_info/price");
  if (body.contains(price) && body.at(price).is_number())
    brief.price = body.at(price).get<double>();
  brief.selling_points = strings_at(body, json::json_pointer("/product_info/selling_points"));
  brief.tone = string_at(body, "/script_info/tone");
  brief.style = string_at(body, "/script_info/style");
  brief.point_of_view = string_at(body, "/script_info/point_of_view");
  brief.relevant_industry = string_at(body, "/script_info/relevant_industry");
  brief.language = call.value_or_default({"script_info", "script_language"});
  const int count = call.value_or_default({"script_generation_count"});
  return ok(call, {{"task_id", mock.store.create_script_task(call.token, brief, count, call.now)}});
}

Answer script_task_get(MockState& mock, const Call& call) {
  const std::string task_id = call.request.at("task_id");
  const auto task = mock.store.script_task(call.token, task_id, call.now);
  if (!task)
    return envelope(call.request_id, api::codes::kNotExist,
                    "task_id: task " + task_id + " does not exist");
  return ok(call, {{"task_id", task->task_id},
                   {"status", task->status},
                   {"list", scripts_json(task->scripts)}});
}

Answer script_list(MockState& mock, const Call& call) {
  const std::size_t page = call.value_or_default({"page"});
  const std::size_t page_size = call.value_or_default({"page_size"});
  const auto result = mock.store.scripts(call.token, page, page_size, call.now);
  return ok(call, {{"list", scripts_json(result.items)},
                   {"page_info", page_info(page, page_size, result.total)}});
}

}  // namespace

Answer handle_api_call(MockState& mock, const Call& call) {
  // In the order of api::EndpointId.
  using Handler = Answer (*)(MockState&, const Call&);
  static const Handler handlers[] = {
      upload,          video_task_create, video_task_list, video_list, script_task_create, script_task_get,
      script_list,     image_animation_task_create, digital_avatar::catalogue, digital_avatar::create_tasks,
      digital_avatar::get_tasks, digital_avatar::list_videos, digital_avatar::rename_video,
  };
  static_assert(std::size(handlers) == static_cast<std::size_t>(api::EndpointId::avatar_video_rename) + 1);
  return handlers[static_cast<std::size_t>(call.endpoint.id)](mock, call);
}

}  // namespace tiktok_aigc::mock
