// Writes the scripts a mock script generation task returns: short-video ad scripts
// assembled from hand-written template phrases (one table per script language) and the
// fields of the create request, so that a client sees text that reflects what it asked for.
#pragma once

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace tiktok_aigc::mock {

// What a script generation request asked for (fields as in the create request).
struct ScriptBrief {
  bool custom = false;  // script_source CUSTOM: write from custom_prompt
  std::string custom_prompt;
  std::string product_name, brand, description, currency;  // currency may be empty -> "USD"
  std::optional<double> price;
  std::vector<std::string> selling_points;
  std::string tone, style, point_of_view, relevant_industry;  // free text, may be empty
  std::string language = "en";                                // one of en de es fr id ml vi
  std::string video_duration;                                 // "15S", "30S" or "" (writer picks)
};

struct WrittenScript {
  std::string title;
  std::string script;
};

// Writes script number `index` (0-based) of a task. Deterministic for the same brief,
// index and rng state; different indexes give visibly different scripts.
WrittenScript write_script(const ScriptBrief& brief, int index, std::mt19937_64& rng);

}  // namespace tiktok_aigc::mock
