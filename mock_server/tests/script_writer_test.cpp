// The mock's script writer: scripts are built from the request, in its language, and
// stay valid UTF-8 whatever comes in.
#include "script_writer.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using tiktok_aigc::mock::ScriptBrief;
using tiktok_aigc::mock::write_script;
using tiktok_aigc::mock::WrittenScript;

const std::vector<std::string> kLanguages = {"en", "de", "es", "fr", "id", "ml", "vi"};

ScriptBrief product_brief() {
  ScriptBrief b;
  b.product_name = "GlowUp Serum";
  b.brand = "Lumi";
  b.description =
      "A lightweight vitamin serum that brightens dull skin in days. For all skin types.";
  b.price = 12.98;
  b.currency = "USD";
  b.selling_points = {"Vitamin C boost", "Fragrance free", "Vegan formula"};
  b.tone = "Friendly";
  b.style = "Informative";
  b.point_of_view = "From consumer";
  b.relevant_industry = "Beauty & personal care";
  b.video_duration = "30S";
  return b;
}

WrittenScript write(const ScriptBrief& brief, int index = 0, std::uint64_t seed = 42) {
  std::mt19937_64 rng(seed);
  return write_script(brief, index, rng);
}

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// A word without surrounding punctuation, for pronoun matching.
std::string bare(std::string w) {
  const std::string punct = ".,!?:;\"'()";
  while (!w.empty() && punct.find(w.back()) != std::string::npos) w.pop_back();
  while (!w.empty() && punct.find(w.front()) != std::string::npos) w.erase(0, 1);
  return w;
}

int count_words_in(const std::string& text, const std::set<std::string>& wanted) {
  int n = 0;
  for (const std::string& w : words_of(text)) n += wanted.count(bare(w)) > 0 ? 1 : 0;
  return n;
}

// An independent UTF-8 check: shortest forms only, no surrogates, nothing past U+10FFFF.
bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      len = 1, cp = c;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(ScriptWriter, ProductFieldsAppearInEveryLanguageAndDuration) {
  ScriptBrief brief = product_brief();
  for (const std::string& language : kLanguages) {
    for (const char* duration : {"15S", "30S", ""}) {
      brief.language = language;
      brief.video_duration = duration;
      for (int index = 0; index < 4; ++index) {
        const WrittenScript s = write(brief, index);
        SCOPED_TRACE(language + " " + duration + "\n" + s.script);
        EXPECT_NE(s.script.find("GlowUp Serum"), std::string::npos);
        EXPECT_NE(s.script.find("Lumi"), std::string::npos);
        EXPECT_NE(s.script.find("12.98 USD"), std::string::npos);
        for (const std::string& point : brief.selling_points)
          EXPECT_NE(s.script.find(point), std::string::npos) << point;
      }
    }
  }
}

TEST(ScriptWriter, PriceHasTwoDecimalsAndTheCurrencyDefaultsToUsd) {
  ScriptBrief brief = product_brief();
  brief.price = 5;
  brief.currency = "";
  EXPECT_NE(write(brief).script.find("5.00 USD"), std::string::npos);
  brief.currency = "EUR";
  EXPECT_NE(write(brief).script.find("5.00 EUR"), std::string::npos);
}

TEST(ScriptWriter, TitleIsShortAndNamesTheProduct) {
  const ScriptBrief brief = product_brief();
  for (int index = 0; index < 8; ++index) {
    const WrittenScript s = write(brief, index);
    EXPECT_NE(s.title.find("GlowUp Serum"), std::string::npos) << s.title;
    EXPECT_LE(code_points(s.title), 60u) << s.title;
  }
}

TEST(ScriptWriter, FifteenSecondsIsClearlyShorterThanThirty) {
  ScriptBrief brief = product_brief();
  for (int index = 0; index < 8; ++index) {
    brief.language = "en";
    brief.video_duration = "15S";
    const std::size_t short_words = words_of(write(brief, index).script).size();
    brief.video_duration = "30S";
    const std::size_t long_words = words_of(write(brief, index).script).size();
    EXPECT_GE(short_words, 30u);
    EXPECT_LE(short_words, 50u);
    EXPECT_GE(long_words, 65u);
    EXPECT_LE(long_words, 100u);
    EXPECT_GE(long_words * 2, short_words * 3) << short_words << " vs " << long_words;
  }
  for (const std::string& language : kLanguages) {
    brief.language = language;
    brief.video_duration = "15S";
    const std::size_t short_words = words_of(write(brief).script).size();
    brief.video_duration = "30S";
    EXPECT_LT(short_words * 3, words_of(write(brief).script).size() * 2) << language;
  }
}

TEST(ScriptWriter, ScriptHasHookBodyAndCallToActionLines) {
  for (const char* duration : {"15S", "30S"}) {
    ScriptBrief brief = product_brief();
    brief.video_duration = duration;
    const std::string script = write(brief).script;
    std::size_t lines = 1;
    for (const char c : script) lines += c == '\n' ? 1 : 0;
    EXPECT_GE(lines, 3u) << script;
  }
}

TEST(ScriptWriter, PointOfViewChangesThePronouns) {
  const std::set<std::string> singular = {"I", "I'm", "I've", "me", "my"};
  const std::set<std::string> plural = {"We", "we", "We're", "we're", "our", "us"};
  ScriptBrief brief = product_brief();
  for (const char* tone : {"Friendly", "Confident", "Professional", "All", "witty"}) {
    brief.tone = tone;
    for (const char* duration : {"15S", "30S"}) {
      brief.video_duration = duration;
      for (int index = 0; index < 8; ++index) {
        brief.point_of_view = "From consumer";
        const std::string consumer = write(brief, index).script;
        EXPECT_GT(count_words_in(consumer, singular), 0) << consumer;
        EXPECT_EQ(count_words_in(consumer, plural), 0) << consumer;
        brief.point_of_view = "From brand";
        const std::string brand = write(brief, index).script;
        EXPECT_GT(count_words_in(brand, plural), 0) << brand;
        EXPECT_EQ(count_words_in(brand, singular), 0) << brand;
      }
    }
  }
}

TEST(ScriptWriter, ToneShapesThePhrasing) {
  ScriptBrief brief = product_brief();
  brief.tone = "Friendly";
  const std::string friendly = write(brief).script;
  brief.tone = "Professional";
  const std::string professional = write(brief).script;
  EXPECT_NE(friendly, professional);
  // A tone without phrases of its own is quoted into the opening line.
  brief.tone = "playful and cheeky";
  const std::string custom = write(brief).script;
  const std::string first_line = custom.substr(0, custom.find('\n'));
  EXPECT_NE(first_line.find("\"playful and cheeky\""), std::string::npos) << custom;
  // German quotes it the German way.
  brief.language = "de";
  EXPECT_NE(write(brief).script.find("„playful and cheeky“"), std::string::npos);
}

TEST(ScriptWriter, StyleShapesTheBody) {
  ScriptBrief brief = product_brief();
  brief.style = "Humor";
  EXPECT_NE(write(brief).script.find("Warning: GlowUp Serum"), std::string::npos);
  brief.style = "ASMR unboxing";
  EXPECT_NE(write(brief).script.find("\"ASMR unboxing\""), std::string::npos);
}

TEST(ScriptWriter, EachLanguageHasItsOwnText) {
  // A word each language's price line uses, and that the English text never does.
  const std::vector<std::pair<std::string, std::string>> markers = {
      {"en", " just "},  {"de", " nur "},   {"es", " solo "}, {"fr", " seulement "},
      {"id", " hanya "}, {"ml", " sahaja"}, {"vi", " chỉ "}};
  ScriptBrief brief = product_brief();
  std::set<std::string> scripts;
  std::string english;
  for (const auto& [language, marker] : markers) {
    brief.language = language;
    for (const char* duration : {"15S", "30S"}) {
      brief.video_duration = duration;
      const std::string script = write(brief).script;
      EXPECT_NE(script.find(marker), std::string::npos) << language << "\n" << script;
      scripts.insert(script);
      if (language == "en") english += script;
    }
  }
  EXPECT_EQ(scripts.size(), 2 * markers.size());
  for (const auto& [language, marker] : markers) {
    if (language != "en") {
      EXPECT_EQ(english.find(marker), std::string::npos) << marker;
    }
  }
}

TEST(ScriptWriter, SameSeedSameScriptAndIndexesDiffer) {
  for (const bool custom : {false, true}) {
    ScriptBrief brief = product_brief();
    if (custom) {
      brief = ScriptBrief{};
      brief.custom = true;
      brief.custom_prompt = "Our summer sale is on. Running shoes are 30% off. Free shipping too.";
    }
    for (const char* duration : {"15S", "30S"}) {
      brief.video_duration = custom ? "" : duration;
      std::set<std::string> distinct;
      for (int index = 0; index < 8; ++index) {
        const WrittenScript a = write(brief, index, 7);
        const WrittenScript b = write(brief, index, 7);
        EXPECT_EQ(a.title, b.title);
        EXPECT_EQ(a.script, b.script);
        distinct.insert(a.script);
      }
      EXPECT_EQ(distinct.size(), 8u) << (custom ? "custom" : duration);
    }
    // One rng shared by the scripts of a task, as a task would draw them.
    std::mt19937_64 first(9), second(9);
    for (int index = 0; index < 8; ++index)
      EXPECT_EQ(write_script(brief, index, first).script,
                write_script(brief, index, second).script);
  }
}

TEST(ScriptWriter, CustomScriptReusesThePrompt) {
  ScriptBrief brief;
  brief.custom = true;
  brief.custom_prompt =
      "Write a fun video about our summer sale on running shoes. Mention the free shipping "
      "and 30% off. Make it funny!";
  for (int index = 0; index < 4; ++index) {
    const WrittenScript s = write(brief, index);
    SCOPED_TRACE(s.title + "\n" + s.script);
    EXPECT_NE(s.script.find("summer sale on running shoes"), std::string::npos);
    EXPECT_NE(s.script.find("free shipping and 30% off"), std::string::npos);
    // The request's framing is not read out as part of the script.
    EXPECT_EQ(s.script.find("Write a fun video"), std::string::npos);
    EXPECT_EQ(s.script.find("Make it funny"), std::string::npos);
    EXPECT_NE(s.title.find("summer sale"), std::string::npos);
    EXPECT_LE(code_points(s.title), 60u);
    EXPECT_NE(s.script.find('\n'), std::string::npos);
  }
  // A prompt that already is a script comes through as it is, with hook and CTA around it.
  brief.custom_prompt = "Summer is here! Our running shoes are 30% off this week only.";
  brief.language = "fr";
  const std::string script = write(brief).script;
  EXPECT_NE(script.find("Summer is here! Our running shoes are 30% off this week only."),
            std::string::npos)
      << script;
}

TEST(ScriptWriter, MissingPriceAndSellingPointsStillGiveAScript) {
  ScriptBrief brief = product_brief();
  brief.price.reset();
  brief.selling_points.clear();
  for (const char* duration : {"15S", "30S"}) {
    brief.video_duration = duration;
    const std::string script = write(brief).script;
    EXPECT_NE(script.find("GlowUp Serum"), std::string::npos);
    EXPECT_EQ(script.find("USD"), std::string::npos) << script;
    EXPECT_EQ(script.find(" just "), std::string::npos) << script;
    EXPECT_GE(words_of(script).size(), 20u) << script;
  }
  // Almost nothing given: still something to say.
  ScriptBrief bare_brief;
  bare_brief.product_name = "Widget";
  const WrittenScript s = write(bare_brief);
  EXPECT_FALSE(s.title.empty());
  EXPECT_NE(s.script.find("Widget"), std::string::npos);
  ScriptBrief empty;
  EXPECT_FALSE(write(empty).script.empty());
  empty.custom = true;
  EXPECT_FALSE(write(empty).script.empty());
}

TEST(ScriptWriter, LongMultiByteInputsStayValidUtf8) {
  const std::vector<std::string> pieces = {"é", "漢", "😀"};
  for (const std::string& piece : pieces) {
    ScriptBrief brief = product_brief();
    brief.product_name = repeat(piece, 300);
    brief.brand = repeat(piece, 100);
    brief.description = repeat(piece, 500);
    brief.selling_points = {repeat(piece, 120), repeat(piece + " ", 60)};
    brief.tone = repeat(piece, 90);
    brief.style = repeat(piece, 90);
    for (const std::string& language : kLanguages) {
      brief.language = language;
      for (int index = 0; index < 3; ++index) {
        const WrittenScript s = write(brief, index);
        EXPECT_TRUE(valid_utf8(s.script)) << language;
        EXPECT_TRUE(valid_utf8(s.title)) << language;
        EXPECT_FALSE(s.script.empty());
        EXPECT_LE(code_points(s.title), 60u) << s.title;
        EXPECT_NE(s.script.find(repeat(piece, 20)), std::string::npos);  // still there
      }
    }
    ScriptBrief custom;
    custom.custom = true;
    custom.custom_prompt = repeat(piece, 3000);
    const WrittenScript c = write(custom);
    EXPECT_TRUE(valid_utf8(c.script));
    EXPECT_TRUE(valid_utf8(c.title));
    EXPECT_LE(code_points(c.title), 60u);
    EXPECT_LT(c.script.size(), 3000 * piece.size()) << "a long prompt is trimmed";
  }
}

TEST(ScriptWriter, InvalidUtf8InputStillGivesValidUtf8) {
  ScriptBrief brief = product_brief();
  brief.product_name = "Bad\xC3\x28name\xED\xA0\x80\xF8";
  brief.selling_points = {"\xE2\x82", "ok point"};
  const WrittenScript s = write(brief);
  EXPECT_TRUE(valid_utf8(s.script));
  EXPECT_TRUE(valid_utf8(s.title));
  EXPECT_NE(s.script.find("ok point"), std::string::npos);
}

}  // namespace
