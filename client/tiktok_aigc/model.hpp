// Typed requests and results of the endpoints, mirroring the documents' JSON nesting.
//
// Requests are written as JSON with only the fields that are set (impl/encoding.hpp), and
// checked against the API's description before they are sent. Results are read tolerantly
// (impl/decoding.hpp): fields the documents do not name are ignored but kept in `raw`, enum
// values the documents do not list are kept (is_known() is false), and a malformed answer
// gives a Status of category bad_response that names the path, never an exception.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tiktok_aigc/enums.hpp"
#include "tiktok_aigc/raw_json.hpp"

namespace tiktok_aigc {

// ---------------------------------------------------------------------------------------
// Upload a video to the stock library: POST file/video/ad/upload/
// ---------------------------------------------------------------------------------------

struct UploadVideoRequest {
  std::string video_url;  // absolute http(s) URL of a .mp4, .mov, .mpeg or .avi file
  UploadType upload_type = UploadType::upload_by_url();
  UseScenario use_scenario = UseScenario::aigc();
};

struct UploadedVideo {
  std::string video_id;
  RawJson raw;  // the object it was decoded from
};

// ---------------------------------------------------------------------------------------
// Create video generation, remix and dubbing tasks: POST creative/aigc/video/task/create/
// ---------------------------------------------------------------------------------------

// One entry of product_video_info.product_info_list (max 1).
struct VideoProductInfo {
  std::string source_language;              // required; no enum documented (quirk 7)
  std::string product_name;                 // at most 500 characters
  std::string title;                        // at most 500 characters
  std::string description;                  // at most 300 characters
  std::vector<std::string> selling_points;  // 1-10 phrases
  std::optional<std::string> brand;         // at most 100 characters
  std::optional<double> price;              // >= 0, two decimals
  std::optional<std::string> currency;      // ISO 4217, e.g. USD
};

struct ProductVideoInfo {
  std::optional<int> video_generation_count;      // 1-5, default 1
  std::optional<TargetLanguage> target_language;  // AVATAR_PRODUCT, VOICEOVER; default en
  std::vector<VideoProductInfo> product_info_list;
  // input_image_list.image_url_list: 3-30 URLs; required for AVATAR_PRODUCT.
  std::optional<std::vector<std::string>> image_url_list;
  // input_video_list.video_id_list: 1-20 uploaded ids; required for STOCK_VIDEO, VOICEOVER.
  std::optional<std::vector<std::string>> video_id_list;
  // avatar_info.avatar_id: AVATAR_PRODUCT only; absent: the API picks an avatar.
  std::optional<std::string> avatar_id;
};

// One segment of speech in a dubbed video. Times are milliseconds from the start, any
// number >= 0 (not necessarily whole); text_start_time < text_end_time.
struct DubbingScriptSegment {
  std::string text;
  double text_start_time = 0;
  double text_end_time = 0;
};

// One video to dub (DUBBING): one task each.
struct DubbingVideoInfo {
  std::string video_url;  // public http(s) URL of the source video: 1-600 s, 200 MB or less recommended
  // Sent as target_languages, an array of this one language: the dub's, or that of `scripts`.
  DubbingLanguage target_language;
  std::optional<bool> lipsync_enabled;    // default false; adds 5-10 minutes
  std::optional<std::string> video_name;  // at most 50 characters; default DUBBING-{time}-{3}
  std::optional<bool> subtitle_enabled;   // default false; burnt in at the bottom
  // Your own translated segments; empty (not sent): the API translates.
  std::vector<DubbingScriptSegment> scripts;
};

// The type picks the body that is sent: product_video_info for STOCK_VIDEO, AVATAR_PRODUCT
// and VOICEOVER, dubbing_video_info for DUBBING (the other one is not sent).
struct CreateVideoTaskRequest {
  AigcVideoType aigc_video_type;
  ProductVideoInfo product_video_info;
  // DUBBING: 1-5 videos, one task each; not sent when empty.
  std::vector<DubbingVideoInfo> dubbing_video_info;
};

struct CreatedVideoTasks {
  std::vector<std::string> task_ids;
  RawJson raw;
};

// ---------------------------------------------------------------------------------------
// Get the results of video tasks: GET creative/aigc/video/task/list/
// ---------------------------------------------------------------------------------------

struct VideoTaskQuery {
  std::vector<std::string> task_ids;  // 1-5
  // Required by the client: without it the API returns only dubbing tasks (quirk 6).
  AigcVideoType aigc_video_type;
};

struct VideoTask {
  std::string task_id;
  AigcVideoType aigc_video_type;
  TaskStatus status;
  std::optional<std::string> video_id;     // on SUCCESS
  std::optional<std::string> preview_url;  // on SUCCESS; valid for six hours (DUBBING: 30 days)
  std::optional<std::string> video_name;   // where the API gives it (quirk 27)
  std::optional<std::string> error_msg;    // on FAILED, where the API gives it (quirk 27)
  RawJson raw;
};

struct VideoTaskList {
  std::vector<VideoTask> list;
  RawJson raw;
};

// ---------------------------------------------------------------------------------------
// Get remixed videos: GET creative/aigc/video/list/
// ---------------------------------------------------------------------------------------

struct VideoListQuery {
  // Always sent: without it the API returns only dubbed videos (quirk 6).
  std::vector<AigcVideoType> aigc_video_types = {AigcVideoType::stock_video(), AigcVideoType::avatar_product(),
                                                 AigcVideoType::voiceover(), AigcVideoType::image_animation(),
                                                 AigcVideoType::dubbing()};
  std::optional<int> page;       // >= 1, default 1
  std::optional<int> page_size;  // 1-100, default 10
};

// What a dubbed video says. original_scripts is the source's speech, or the scripts sent at
// creation (then equal to translated_scripts); translated_scripts is the dub.
struct DubbingInfo {
  std::vector<DubbingScriptSegment> original_scripts;
  std::vector<DubbingScriptSegment> translated_scripts;
  DubbingLanguage target_language;
  RawJson raw;
};

struct Video {
  std::string video_id;
  // {aigc_video_type}-{YYYYMMDDHHMMSS}-{3 characters}, or the name given at creation (DUBBING)
  std::string video_name;
  std::string create_time;  // "YYYY-MM-DD HH:MM:SS", UTC
  std::string preview_url;  // valid for six hours (DUBBING: 30 days)
  AigcVideoType aigc_video_type;
  std::optional<DubbingInfo> dubbing_info;  // DUBBING videos only
  RawJson raw;
};

struct PageInfo {
  int page = 0;
  int page_size = 0;
  int total_number = 0;
  int total_page = 0;
};

struct VideoPage {
  std::vector<Video> list;
  PageInfo page_info;  // without one in the answer: the list as one whole page (quirk 46)
  RawJson raw;
};

// ---------------------------------------------------------------------------------------
// Animate a still image into videos: POST creative/aigc/image_animation/task/create/
// (the results: get_video_tasks and list_videos with AigcVideoType::image_animation())
// ---------------------------------------------------------------------------------------

struct CreateImageAnimationTaskRequest {
  std::string image_url;                         // a JPG or PNG image
  std::optional<bool> change_background;         // default false
  std::optional<std::string> background_prompt;  // used only with change_background: true
  std::optional<std::string> animation_prompt;   // absent: the API picks an animation
  std::optional<int> video_generation_count;     // default 1; one task per video
};

// ---------------------------------------------------------------------------------------
// Create a script generation task: POST creative/aigc/script_generation/task/create/
// ---------------------------------------------------------------------------------------

struct ScriptProductInfo {
  std::string name;                         // at most 300 characters
  std::string description;                  // at most 500 characters
  std::optional<std::string> brand;         // at most 100 characters
  std::optional<double> price;              // >= 0
  std::optional<std::string> currency;      // ISO 4217, default USD
  std::vector<std::string> selling_points;  // at most 10; not sent when empty
};

// The body's top-level media_list (quirk 11); at most 20 entries in all. Empty lists are
// not sent.
struct MediaList {
  std::vector<std::string> image_url_list;
  std::vector<std::string> video_id_list;
};

// Free text with recommended values (quirk 12: see recommended_tones() etc.).
struct ScriptInfo {
  std::optional<std::string> tone;
  std::optional<std::string> style;
  std::optional<std::string> point_of_view;
  std::optional<std::string> relevant_industry;
  std::optional<ScriptLanguage> script_language;  // default en
};

struct CreateScriptTaskRequest {
  ScriptSource script_source;
  std::optional<std::string> custom_prompt;       // CUSTOM only; at most 3000 characters
  std::optional<VideoDuration> video_duration;    // PRODUCT only
  std::optional<ScriptProductInfo> product_info;  // required for PRODUCT
  std::optional<MediaList> media_list;            // required with product_info
  std::optional<ScriptInfo> script_info;          // PRODUCT only
  std::optional<int> script_generation_count;     // 1-8, default 4
};

struct CreatedScriptTask {
  std::string task_id;
  RawJson raw;
};

// ---------------------------------------------------------------------------------------
// Get a script task: GET creative/aigc/script/task/get/; list scripts: GET .../script/list/
// ---------------------------------------------------------------------------------------

struct ScriptTaskQuery {
  std::string task_id;
};

struct Script {
  std::string script_id;
  std::string title;
  std::string script;
  RawJson raw;
};

struct ScriptTask {
  std::string task_id;
  TaskStatus status;
  std::vector<Script> list;  // the scripts generated so far
  RawJson raw;
};

struct ScriptListQuery {
  std::optional<int> page;       // >= 1, default 1
  std::optional<int> page_size;  // 1-100, default 10
};

struct ScriptPage {
  std::vector<Script> list;
  PageInfo page_info;
  RawJson raw;
};

// ---------------------------------------------------------------------------------------
// Digital Avatar: the catalogue, GET creative/digital_avatar/get/
// ---------------------------------------------------------------------------------------

struct AvatarListQuery {
  std::optional<int> page;       // >= 1, default 1
  std::optional<int> page_size;  // 1-100, default 10
};

struct Avatar {
  std::string avatar_id;           // what an avatar video's package (and AVATAR_PRODUCT) takes
  std::string avatar_name;         // "<first name> in <outfit>"
  std::string avatar_thumbnail;    // an image; valid for six hours
  std::string avatar_preview_url;  // a short demo video; valid for six hours
  RawJson raw;
};

struct AvatarPage {
  std::vector<Avatar> list;
  std::optional<PageInfo> page_info;  // in the document's example only (quirk 30)
  RawJson raw;
};

// ---------------------------------------------------------------------------------------
// Digital Avatar videos: POST creative/digital_avatar/video/task/create/
// ---------------------------------------------------------------------------------------

// One video: an avatar saying a script.
struct AvatarMaterialPackage {
  std::string avatar_id;                  // from list_avatars()
  std::string script;                     // at most 2000 characters; no emoji
  std::optional<std::string> video_name;  // at most 50 characters; default project-{time}-{3}
  std::optional<std::string> package_id;  // a label of your own, echoed beside the task
};

struct CreateAvatarVideoTasksRequest {
  std::vector<AvatarMaterialPackage> material_packages;  // 1-5, one task each
};

// The answer for one package. A package the API could not take (an unknown avatar_id) has
// an error_msg, with or without a task_id (quirk 31): failed() says so.
struct CreatedAvatarVideoTask {
  std::optional<std::string> task_id;     // unset when absent or ""
  std::optional<std::string> package_id;  // unset when null, absent or ""
  std::optional<std::string> error_msg;   // unset when absent or ""
  RawJson raw;

  bool failed() const { return error_msg.has_value() || !task_id.has_value(); }
};

struct CreatedAvatarVideoTasks {
  std::vector<CreatedAvatarVideoTask> list;  // one per package, in the request's order
  RawJson raw;

  // The task ids of the packages that did not fail, for wait_for_avatar_video_tasks().
  std::vector<std::string> task_ids() const {
    std::vector<std::string> ids;
    for (const CreatedAvatarVideoTask& task : list) {
      if (!task.failed()) ids.push_back(*task.task_id);
    }
    return ids;
  }
};

// ---------------------------------------------------------------------------------------
// Digital Avatar video tasks: GET creative/digital_avatar/video/task/get/
// ---------------------------------------------------------------------------------------

struct AvatarVideoTaskQuery {
  std::vector<std::string> task_ids;  // 1-5
};

struct AvatarVideoTask {
  std::string task_id;
  TaskStatus status;       // SUBMITTED, PROCESSING, SUCCESS or FAILED
  std::string video_name;  // as given, renamed, or the default
  // Set on SUCCESS: the API writes "" before (quirk 32), read as unset like an absent one.
  std::optional<std::string> avatar_video_id;  // not an ad account's video id
  std::optional<std::string> preview_url;      // valid for six hours
  RawJson raw;
};

struct AvatarVideoTaskList {
  std::vector<AvatarVideoTask> list;
  RawJson raw;
};

// ---------------------------------------------------------------------------------------
// Digital Avatar videos: GET creative/digital_avatar/video/list/
// ---------------------------------------------------------------------------------------

// The avatar_id and dates travel as one `filtering` parameter, sent only when one of them
// is set; page and page_size beside it (quirk 33).
struct AvatarVideoListQuery {
  std::optional<std::string> avatar_id;   // only this avatar's videos
  std::optional<std::string> start_date;  // YYYY-MM-DD, UTC, inclusive
  std::optional<std::string> end_date;    // YYYY-MM-DD, UTC, inclusive; not before start_date
  std::optional<int> page;                // >= 1, default 1
  std::optional<int> page_size;           // 1-100, default 10
};

struct AvatarVideo {
  std::string avatar_video_id;
  std::string video_name;
  std::string create_time;      // "YYYY-MM-DD HH:MM:SS", UTC
  std::string preview_url;      // valid for six hours
  std::string video_cover_url;  // an image; valid for six hours (x-expires)
  std::string avatar_id;
  RawJson raw;
};

struct AvatarVideoPage {
  std::vector<AvatarVideo> list;  // newest first
  PageInfo page_info;
  RawJson raw;
};

// ---------------------------------------------------------------------------------------
// Rename a Digital Avatar video: POST file/video/ad/update/
// ---------------------------------------------------------------------------------------

struct RenameAvatarVideoRequest {
  std::string avatar_video_id;
  std::string file_name;  // 1-100 characters; names need not be unique
};

struct RenamedAvatarVideo {
  RawJson raw;  // data: {}
};


}  // namespace tiktok_aigc
