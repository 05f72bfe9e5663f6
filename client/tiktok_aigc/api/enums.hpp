// The documented values of the API's enums, in the documents' order. The client's open enum
// types, the request rules, the mock and the OpenAPI file read them from here.
#pragma once

#include <string>
#include <vector>

namespace tiktok_aigc::api::enums {

using Values = std::vector<std::string>;

// aigc_video_type: remixed stock videos; a Digital Avatar presenting the product
// (allowlist-only); a voiceover presenting it.
inline const Values& aigc_video_types() {
  static const Values values = {"STOCK_VIDEO", "AVATAR_PRODUCT", "VOICEOVER"};
  return values;
}

// status of a script task; a video task never reports PARTIAL_SUCCESS.
inline const Values& task_statuses() {
  static const Values values = {"SUBMITTED", "PROCESSING", "PARTIAL_SUCCESS", "SUCCESS", "FAILED"};
  return values;
}
inline const Values& video_task_statuses() {
  static const Values values = {"SUBMITTED", "PROCESSING", "SUCCESS", "FAILED"};
  return values;
}

// product_video_info.target_language: English, French, German, Indonesian, Spanish.
inline const Values& target_languages() {
  static const Values values = {"en", "fr", "de", "id", "es"};
  return values;
}

// script_info.script_language. Quirk 8: Malay is "ml" as documented, not ISO 639-1 "ms".
inline const Values& script_languages() {
  static const Values values = {"en", "de", "es", "fr", "id", "ml", "vi"};
  return values;
}

inline const Values& script_sources() {
  static const Values values = {"PRODUCT", "CUSTOM"};
  return values;
}

inline const Values& video_durations() {
  static const Values values = {"15S", "30S"};
  return values;
}

inline const Values& upload_types() {
  static const Values values = {"UPLOAD_BY_URL"};
  return values;
}

inline const Values& use_scenarios() {
  static const Values values = {"AIGC"};
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
