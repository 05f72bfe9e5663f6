#include "avatar_handlers.hpp"

#include <utility>
#include <vector>

#include "avatar_catalogue.hpp"
#include "handler_support.hpp"
#include "media_host.hpp"
#include "tiktok_aigc/api/strings.hpp"

namespace tiktok_aigc::mock::digital_avatar {
namespace {

using nlohmann::json;

// Quirk 35: the Digital Avatar answers sign their URLs afresh, each valid six hours.
TimePoint fresh_expiry(const Call& call) { return call.now + api::limits::kMediaValidity; }

}  // namespace

Answer catalogue(MockState& mock, const Call& call) {
  if (auto refused = refuse_unless_allowlisted(mock, call, "The avatar catalogue")) return *refused;
  const std::size_t page = call.value_or_default({"page"});
  const std::size_t page_size = call.value_or_default({"page_size"});
  const auto& avatars = avatar_catalogue();
  const TimePoint expires = fresh_expiry(call);
  json list = json::array();
  for (std::size_t i = (page - 1) * page_size; i < avatars.size() && list.size() < page_size; ++i) {
    const CatalogueAvatar& avatar = avatars[i];
    list.push_back(
        {{"avatar_id", id_text(avatar.id)},
         {"avatar_name", avatar.name},
         {"avatar_thumbnail", media_url(call.media_base, mock.store, Media::avatar_thumbnail, avatar.asset_key, expires)},
         {"avatar_preview_url", media_url(call.media_base, mock.store, Media::avatar_demo, avatar.asset_key, expires)}});
  }
  // Quirk 30: page_info as in the document's example, its total the avatars listed.
  return ok(call, {{"page_info", page_info(page, page_size, avatars.size())}, {"list", std::move(list)}});
}

Answer create_tasks(MockState& mock, const Call& call) {
  if (auto refused = refuse_unless_allowlisted(mock, call, "Avatar videos")) return *refused;
  const json& packages = call.request.at("material_packages");
  std::vector<AvatarPackage> wanted;
  for (const json& package : packages) {
    AvatarPackage each;
    each.avatar_id = package.at("avatar_id");
    each.script_chars = api::strings::utf8_length(package.at("script").get_ref<const std::string&>());
    if (package.contains("video_name") && package["video_name"].is_string()) each.video_name = package["video_name"];
    wanted.push_back(std::move(each));
  }
  const auto results = mock.store.create_avatar_video_tasks(call.token, wanted, call.now);
  json list = json::array();
  for (std::size_t i = 0; i < results.size(); ++i) {
    // Quirk 31: null when the package had no package_id.
    const json package_id = packages[i].value("package_id", json());
    json item = {{"package_id", package_id.is_string() ? package_id : json()}};
    if (results[i].task_id) item["task_id"] = *results[i].task_id;
    if (results[i].error_msg) item["error_msg"] = *results[i].error_msg;  // quirk 31
    list.push_back(std::move(item));
  }
  return ok(call, {{"list", std::move(list)}});
}

Answer get_tasks(MockState& mock, const Call& call) {
  if (auto refused = refuse_unless_allowlisted(mock, call, "Avatar videos")) return *refused;
  std::string unknown;
  const auto views = mock.store.avatar_video_tasks(
      call.token, call.request.at("task_ids").get<std::vector<std::string>>(), call.now, unknown);
  if (!views) {
    return envelope(call.request_id, api::codes::kNotExist, "task_ids: task " + unknown + " does not exist");
  }
  const TimePoint expires = fresh_expiry(call);
  json list = json::array();
  for (const auto& view : *views) {
    const bool made = !view.avatar_video_id.empty();
    // Quirk 32: both keys always there, "" until the video is made.
    list.push_back(
        {{"task_id", view.task_id},
         {"status", view.status},
         {"video_name", view.video_name},
         {"avatar_video_id", view.avatar_video_id},
         {"preview_url", made ? media_url(call.media_base, mock.store, Media::preview, view.avatar_video_id, expires)
                              : std::string()}});
  }
  return ok(call, {{"list", std::move(list)}});
}

Answer list_videos(MockState& mock, const Call& call) {
  if (auto refused = refuse_unless_allowlisted(mock, call, "Avatar videos")) return *refused;
  const std::size_t page = call.value_or_default({"page"});
  const std::size_t page_size = call.value_or_default({"page_size"});
  AvatarVideoFilter filter;
  const json filtering = call.request.value("filtering", json::object());
  for (auto [name, slot] : {std::pair{"avatar_id", &filter.avatar_id}, std::pair{"start_date", &filter.start_date},
                            std::pair{"end_date", &filter.end_date}}) {
    if (filtering.contains(name) && filtering[name].is_string()) *slot = filtering[name].get<std::string>();
  }
  const auto result = mock.store.avatar_videos(call.token, filter, page, page_size, call.now);
  const TimePoint expires = fresh_expiry(call);
  json list = json::array();
  for (const auto& video : result.items) {
    list.push_back(
        {{"avatar_video_id", video.avatar_video_id},
         {"video_name", video.video_name},
         {"create_time", format_utc(video.created, "%Y-%m-%d %H:%M:%S")},
         {"preview_url", media_url(call.media_base, mock.store, Media::preview, video.avatar_video_id, expires)},
         {"video_cover_url", media_url(call.media_base, mock.store, Media::cover, video.avatar_video_id, expires)},
         {"avatar_id", video.avatar_id}});
  }
  return ok(call, {{"list", std::move(list)}, {"page_info", page_info(page, page_size, result.total)}});
}

Answer rename_video(MockState& mock, const Call& call) {
  if (auto refused = refuse_unless_allowlisted(mock, call, "Avatar videos")) return *refused;
  const std::string video_id = call.request.at("avatar_video_id");
  if (!mock.store.rename_avatar_video(call.token, video_id, call.request.at("file_name"), call.now)) {
    return envelope(call.request_id, api::codes::kNotExist, "avatar_video_id: video " + video_id + " does not exist");
  }
  return ok(call, json::object());
}

}  // namespace tiktok_aigc::mock::digital_avatar
