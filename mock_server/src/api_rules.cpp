// Every documented rule of the request parameters, once, in the documents' order.
// Conditions (quirk 2: "video_generation_type" in the documents means aigc_video_type)
// refer to top-level fields of the request.
#include "api_rules.hpp"

namespace tiktok_aigc::mock::rules {
namespace {

const std::vector<std::string> kVideoTypes = {"STOCK_VIDEO", "AVATAR_PRODUCT", "VOICEOVER"};
const std::vector<std::string> kTargetLanguages = {"en", "fr", "de", "id", "es"};
// Quirk 8: Malay is documented as "ml", not ISO 639-1 "ms".
const std::vector<std::string> kScriptLanguages = {"en", "de", "es", "fr", "id", "ml", "vi"};

// Shared by the two list endpoints.
// page is documented as >= 1; the bound above is the API's 32-bit integer.
FieldRule page() { return optional("page", integer(1, 2147483647)); }
FieldRule page_size() { return optional("page_size", integer(1, 100)); }

}  // namespace

// The tables are laid out like the documents' parameter tables, not by clang-format.
// clang-format off
const ValueRule& upload() {
  static const ValueRule rule = object({
      required("upload_type", enum_of({"UPLOAD_BY_URL"})),
      required("use_scenario", enum_of({"AIGC"})),
      required_when(when("upload_type", {"UPLOAD_BY_URL"}), "video_url", http_url()),
  });
  return rule;
}

const ValueRule& video_task_create() {
  static const ValueRule rule = object({
      required("aigc_video_type", enum_of(kVideoTypes)),
      // "Required when aigc_video_type is STOCK_VIDEO, AVATAR_PRODUCT or VOICEOVER": always.
      required("product_video_info", object({
          optional("video_generation_count", integer(1, 5)),  // default 1
          ignored_unless(when("aigc_video_type", {"AVATAR_PRODUCT", "VOICEOVER"}),
                         "target_language", enum_of(kTargetLanguages)),  // default en
          required("product_info_list", array_of(object({
              required("source_language", text()),  // quirk 7: no enum documented
              required("product_name", text(500)),
              required("title", text(500)),
              required("description", text(300)),
              required("selling_points", array_of(text(), 1, 10)),
              optional("brand", text(100)),
              optional("price", non_negative_number()),
              optional("currency", currency_code()),
          }), 1, 1)),
          required_when(when("aigc_video_type", {"AVATAR_PRODUCT"}), "input_image_list", object({
              // Invalid URLs are documented as unused, not refused: no syntax check.
              required("image_url_list", array_of(text(), 3, 30)),
          })),
          required_when(when("aigc_video_type", {"STOCK_VIDEO", "VOICEOVER"}), "input_video_list",
                        object({
              required("video_id_list", id_list(1, 20)),
          })),
          ignored_unless(when("aigc_video_type", {"AVATAR_PRODUCT"}), "avatar_info", object({
              required("avatar_id", text()),
          })),
      })),
  });
  return rule;
}

const ValueRule& video_task_list() {
  static const ValueRule rule = object({
      required("task_ids", id_list(1, 5)),
      optional("aigc_video_type", enum_of(kVideoTypes)),  // absent: dubbing tasks only
  });
  return rule;
}

const ValueRule& video_list() {
  static const ValueRule rule = object({
      optional("aigc_video_types", array_of(enum_of(kVideoTypes), 1, std::nullopt)),
      page(),
      page_size(),
  });
  return rule;
}

const ValueRule& script_task_create() {
  const auto product = when("script_source", {"PRODUCT"});
  const auto custom = when("script_source", {"CUSTOM"});
  static const ValueRule rule = object({
      required("script_source", enum_of({"PRODUCT", "CUSTOM"})),
      not_supported_when(product, required_when(custom, "custom_prompt", text(3000))),
      not_supported_when(custom, optional("video_duration", enum_of({"15S", "30S"}))),
      required_when(product, "product_info", object({
          required("name", text(300)),
          optional("brand", text(100)),
          optional("price", non_negative_number()),
          optional("currency", currency_code()),  // default USD
          required("description", text(500)),
          optional("selling_points", array_of(text(), std::nullopt, 10)),
      })),
      // Quirk 11: media_list sits at the top level, beside product_info.
      required_when(when_present("product_info"), "media_list", object({
          optional("image_url_list", array_of(text(), std::nullopt, 20)),  // unchecked URLs, as above
          optional("video_id_list", id_list(std::nullopt, 20)),
      }, 20)),
      not_supported_when(custom, optional("script_info", object({
          optional("tone", text()),           // quirk 12: recommended values, free text
          optional("style", text()),
          optional("point_of_view", text()),
          optional("script_language", enum_of(kScriptLanguages)),  // default en
          optional("relevant_industry", text()),
      }))),
      optional("script_generation_count", integer(1, 8)),  // default 4
  });
  return rule;
}

const ValueRule& script_task_get() {
  static const ValueRule rule = object({required("task_id", text())});
  return rule;
}

const ValueRule& script_list() {
  static const ValueRule rule = object({page(), page_size()});
  return rule;
}

// clang-format on

const std::vector<std::string>& aigc_video_types() { return kVideoTypes; }

const std::vector<std::string>& task_statuses() {
  static const std::vector<std::string> statuses = {"SUBMITTED", "PROCESSING", "PARTIAL_SUCCESS",
                                                    "SUCCESS", "FAILED"};
  return statuses;
}

const std::vector<std::string>& video_file_extensions() {
  static const std::vector<std::string> extensions = {".mp4", ".mov", ".mpeg", ".avi"};
  return extensions;
}

}  // namespace tiktok_aigc::mock::rules
