// The documented values of the API's enums, in the documents' order. The client's open enum
// types, the request rules, the mock and the OpenAPI file read them from here.
#pragma once

#include <string>
#include <vector>

namespace tiktok_aigc::api::enums {

using Values = std::vector<std::string>;

// Each value once, named for the code that branches on it; the lists below are made of them.
namespace aigc_video_type {
inline constexpr const char* kStockVideo = "STOCK_VIDEO";       // remixed stock videos
inline constexpr const char* kAvatarProduct = "AVATAR_PRODUCT";  // a Digital Avatar (allowlist-only)
inline constexpr const char* kVoiceover = "VOICEOVER";           // a voiceover
inline constexpr const char* kImageAnimation = "IMAGE_ANIMATION";  // a still image animated
inline constexpr const char* kDubbing = "DUBBING";                 // a video dubbed into a language
}  // namespace aigc_video_type

namespace task_status {
inline constexpr const char* kSubmitted = "SUBMITTED";
inline constexpr const char* kProcessing = "PROCESSING";
inline constexpr const char* kPartialSuccess = "PARTIAL_SUCCESS";  // script tasks only
inline constexpr const char* kSuccess = "SUCCESS";
inline constexpr const char* kFailed = "FAILED";
}  // namespace task_status

// English, French, German, Indonesian, Spanish.
namespace target_language {
inline constexpr const char* kEn = "en";
inline constexpr const char* kFr = "fr";
inline constexpr const char* kDe = "de";
inline constexpr const char* kId = "id";
inline constexpr const char* kEs = "es";
}  // namespace target_language

// Dubbed Translations: the languages a video can be dubbed into (ISO 639-1).
namespace dubbing_language {
inline constexpr const char* kAr = "ar";
inline constexpr const char* kEn = "en";
inline constexpr const char* kFr = "fr";
inline constexpr const char* kDe = "de";
inline constexpr const char* kId = "id";
inline constexpr const char* kIt = "it";
inline constexpr const char* kJa = "ja";
inline constexpr const char* kKo = "ko";
inline constexpr const char* kPt = "pt";
inline constexpr const char* kEs = "es";
inline constexpr const char* kTh = "th";
inline constexpr const char* kTr = "tr";
inline constexpr const char* kVi = "vi";
}  // namespace dubbing_language

// Quirk 8: Malay is "ml" as documented, not ISO 639-1 "ms".
namespace script_language {
inline constexpr const char* kEn = "en";
inline constexpr const char* kDe = "de";
inline constexpr const char* kEs = "es";
inline constexpr const char* kFr = "fr";
inline constexpr const char* kId = "id";
inline constexpr const char* kMl = "ml";
inline constexpr const char* kVi = "vi";
}  // namespace script_language

namespace script_source {
inline constexpr const char* kProduct = "PRODUCT";
inline constexpr const char* kCustom = "CUSTOM";
}  // namespace script_source

namespace video_duration {
inline constexpr const char* k15Seconds = "15S";
inline constexpr const char* k30Seconds = "30S";
}  // namespace video_duration

namespace upload_type {
inline constexpr const char* kUploadByUrl = "UPLOAD_BY_URL";
}  // namespace upload_type

namespace use_scenario {
inline constexpr const char* kAigc = "AIGC";
}  // namespace use_scenario

// Every type the shared task list and video list know. The mock keeps its tasks by the
// index into this list: new types go at the end.
inline const Values& aigc_video_types() {
  using namespace aigc_video_type;
  static const Values values = {kStockVideo, kAvatarProduct, kVoiceover, kImageAnimation, kDubbing};
  return values;
}

// The types a video task create makes (image animations have their own endpoint).
inline const Values& video_task_create_types() {
  using namespace aigc_video_type;
  static const Values values = {kStockVideo, kAvatarProduct, kVoiceover, kDubbing};
  return values;
}

// The types made from product information (product_video_info).
inline const Values& product_video_types() {
  using namespace aigc_video_type;
  static const Values values = {kStockVideo, kAvatarProduct, kVoiceover};
  return values;
}

// status of a script task; a video task never reports PARTIAL_SUCCESS.
inline const Values& task_statuses() {
  using namespace task_status;
  static const Values values = {kSubmitted, kProcessing, kPartialSuccess, kSuccess, kFailed};
  return values;
}
inline const Values& video_task_statuses() {
  using namespace task_status;
  static const Values values = {kSubmitted, kProcessing, kSuccess, kFailed};
  return values;
}

inline const Values& target_languages() {
  using namespace target_language;
  static const Values values = {kEn, kFr, kDe, kId, kEs};
  return values;
}

inline const Values& dubbing_languages() {
  using namespace dubbing_language;
  static const Values values = {kAr, kEn, kFr, kDe, kId, kIt, kJa, kKo, kPt, kEs, kTh, kTr, kVi};
  return values;
}

inline const Values& script_languages() {
  using namespace script_language;
  static const Values values = {kEn, kDe, kEs, kFr, kId, kMl, kVi};
  return values;
}

inline const Values& script_sources() {
  static const Values values = {script_source::kProduct, script_source::kCustom};
  return values;
}

inline const Values& video_durations() {
  static const Values values = {video_duration::k15Seconds, video_duration::k30Seconds};
  return values;
}

inline const Values& upload_types() {
  static const Values values = {upload_type::kUploadByUrl};
  return values;
}

inline const Values& use_scenarios() {
  static const Values values = {use_scenario::kAigc};
  return values;
}

// Upload by URL: the documented container formats, by the extension of the URL's path.
inline const Values& video_file_extensions() {
  static const Values values = {".mp4", ".mov", ".mpeg", ".avi"};
  return values;
}

// ---- recommended values of the free-text script_info fields (quirk 12) ----
// The API accepts any text; these are the documents' suggestions, for UIs.

inline const Values& recommended_tones() {
  static const Values values = {"All", "Friendly", "Confident", "Professional"};
  return values;
}

inline const Values& recommended_styles() {
  static const Values values = {
      "Recommended",       "Authority and trust",   "Challenges",
      "Community",         "Comparisons",           "Emotional appeal",
      "Engagement",        "Engaging questions",    "Humor",
      "Informative",       "Lists and inspiration", "Personal stories",
      "Problem solving",   "Product focused",       "Promotions",
      "Unique experiences"};
  return values;
}

// Image to Video: the recommended background_prompt and animation_prompt values.
inline const Values& recommended_backgrounds() {
  static const Values values = {
      "Sea cliffs", "Snow",    "Waterfront views", "Lush greenery",          "Mountains",   "Dynamic splash",
      "Wooden table", "Pedestal", "White marble",  "Kitchen",                "Bedroom",     "Bathroom",
      "Living room", "City",   "Gifts and celebration", "Clouds",            "Flowers",     "Color burst",
      "Hot air balloon", "Golden hour", "Sunny lake", "Simple backdrop",     "Photoshoot",  "Fashion runway"};
  return values;
}

inline const Values& recommended_animations() {
  static const Values values = {"Simple pose",  "Walk",          "Arm & hands",   "Holding product", "Upper body",
                                "Product demo", "Face closeup",  "Shoe showcase", "Multi-person",    "Comment point",
                                "Dance",        "Wave",          "Fitness"};
  return values;
}

inline const Values& recommended_points_of_view() {
  static const Values values = {"All", "From consumer", "From brand"};
  return values;
}

inline const Values& recommended_relevant_industries() {
  static const Values values = {"All",
                                "Apparel & accessories",
                                "Appliances",
                                "Apps",
                                "Baby, kids & maternity",
                                "Beauty & personal care",
                                "Business services",
                                "Comics",
                                "E-commerce (non-app)",
                                "Education",
                                "Financial services",
                                "Food & beverage",
                                "Games",
                                "Health",
                                "Home improvement",
                                "Household products",
                                "Life services",
                                "News & entertainment",
                                "Pets",
                                "Sports & outdoor",
                                "Tech & electronics",
                                "Travel",
                                "Vehicles & transportation"};
  return values;
}

}  // namespace tiktok_aigc::api::enums
