// The model: open enums, to_body()/to_query() against the documents' examples, decode<T>()
// of the documents' answers and of the mock's, and a malformed `data` never throwing.

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "client_test_support.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"
#include "tiktok_aigc/tiktok_aigc.hpp"

namespace tiktok_aigc {
namespace {

using nlohmann::json;
using testing::documented_product;

// ---------------------------------------------------------------------------------------
// Open enums
// ---------------------------------------------------------------------------------------

// A Result is a value or an error, never neither: one built from an ok Status is an error
// that says so.
TEST(ResultTest, BuiltFromAnOkStatusItIsAnErrorNotNeither) {
  const Result<int> result{Status{}};
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.status().category, ErrorCategory::unknown);
  EXPECT_NE(result.status().message.find("ok Status"), std::string::npos);
  EXPECT_THROW((void)result.value(), Error);
}

TEST(Enums, NamedConstantsCarryTheDocumentedWireValues) {
  EXPECT_EQ(AigcVideoType::stock_video().wire(), "STOCK_VIDEO");
  EXPECT_EQ(AigcVideoType::avatar_product().wire(), "AVATAR_PRODUCT");
  EXPECT_EQ(AigcVideoType::voiceover().wire(), "VOICEOVER");
  EXPECT_EQ(TaskStatus::submitted().wire(), "SUBMITTED");
  EXPECT_EQ(TaskStatus::processing().wire(), "PROCESSING");
  EXPECT_EQ(TaskStatus::partial_success().wire(), "PARTIAL_SUCCESS");
  EXPECT_EQ(TaskStatus::success().wire(), "SUCCESS");
  EXPECT_EQ(TaskStatus::failed().wire(), "FAILED");
  EXPECT_EQ(TargetLanguage::en().wire(), "en");
  EXPECT_EQ(TargetLanguage::fr().wire(), "fr");
  EXPECT_EQ(TargetLanguage::de().wire(), "de");
  EXPECT_EQ(TargetLanguage::id().wire(), "id");
  EXPECT_EQ(TargetLanguage::es().wire(), "es");
  EXPECT_EQ(ScriptLanguage::en().wire(), "en");
  EXPECT_EQ(ScriptLanguage::de().wire(), "de");
  EXPECT_EQ(ScriptLanguage::es().wire(), "es");
  EXPECT_EQ(ScriptLanguage::fr().wire(), "fr");
  EXPECT_EQ(ScriptLanguage::id().wire(), "id");
  EXPECT_EQ(ScriptLanguage::ml().wire(), "ml");  // quirk 8: Malay as documented
  EXPECT_EQ(ScriptLanguage::vi().wire(), "vi");
  EXPECT_EQ(ScriptSource::product().wire(), "PRODUCT");
  EXPECT_EQ(ScriptSource::custom().wire(), "CUSTOM");
  EXPECT_EQ(VideoDuration::seconds_15().wire(), "15S");
  EXPECT_EQ(VideoDuration::seconds_30().wire(), "30S");
  EXPECT_EQ(UploadType::upload_by_url().wire(), "UPLOAD_BY_URL");
  EXPECT_EQ(UseScenario::aigc().wire(), "AIGC");
}

TEST(Enums, KnownValuesAreTheDocumentedOnesInOrder) {
  EXPECT_EQ(AigcVideoType::known_values(),
            (std::vector<std::string>{"STOCK_VIDEO", "AVATAR_PRODUCT", "VOICEOVER", "IMAGE_ANIMATION",
                                      "DUBBING"}));
  EXPECT_EQ(TargetLanguage::known_values(),
            (std::vector<std::string>{"en", "fr", "de", "id", "es"}));
  EXPECT_EQ(ScriptLanguage::known_values(),
            (std::vector<std::string>{"en", "de", "es", "fr", "id", "ml", "vi"}));
  EXPECT_EQ(TaskStatus::known_values().size(), 5u);
}

TEST(Enums, AnyWireStringIsKeptAndKnownOnesAreRecognised) {
  EXPECT_TRUE(AigcVideoType::voiceover().is_known());
  EXPECT_TRUE(AigcVideoType("AVATAR_PRODUCT").is_known());
  const AigcVideoType future("HOLOGRAM");
  EXPECT_FALSE(future.is_known());
  EXPECT_EQ(future.wire(), "HOLOGRAM");
  EXPECT_FALSE(AigcVideoType("voiceover").is_known());  // case matters
  EXPECT_FALSE(AigcVideoType().is_known());
  EXPECT_EQ(AigcVideoType().wire(), "");
  EXPECT_FALSE(ScriptLanguage("ms").is_known());  // quirk 8: ISO 639-1 Malay is not the value
}

TEST(Enums, CompareAndOrder) {
  EXPECT_EQ(AigcVideoType("VOICEOVER"), AigcVideoType::voiceover());
  EXPECT_NE(AigcVideoType::stock_video(), AigcVideoType::voiceover());
  EXPECT_TRUE(AigcVideoType::avatar_product() < AigcVideoType::stock_video());
  std::set<AigcVideoType> types = {AigcVideoType::voiceover(), AigcVideoType::stock_video(),
                                   AigcVideoType::voiceover(), AigcVideoType("NEW")};
  EXPECT_EQ(types.size(), 3u);
  std::map<TaskStatus, int> counts;
  ++counts[TaskStatus::success()];
  ++counts[TaskStatus("SUCCESS")];
  EXPECT_EQ(counts[TaskStatus::success()], 2);
}

TEST(Enums, OnlySuccessAndFailedAreTerminal) {
  EXPECT_TRUE(TaskStatus::success().is_terminal());
  EXPECT_TRUE(TaskStatus::failed().is_terminal());
  EXPECT_FALSE(TaskStatus::submitted().is_terminal());
  EXPECT_FALSE(TaskStatus::processing().is_terminal());
  EXPECT_FALSE(TaskStatus::partial_success().is_terminal());
  EXPECT_FALSE(TaskStatus("CANCELLED").is_terminal());
}

TEST(Enums, JsonConversionThroughAdl) {
  const json j = AigcVideoType::voiceover();
  EXPECT_EQ(j, "VOICEOVER");
  EXPECT_EQ(json("NEW_TYPE").get<AigcVideoType>().wire(), "NEW_TYPE");
  const json list = std::vector<TargetLanguage>{TargetLanguage::en(), TargetLanguage::es()};
  EXPECT_EQ(list, json::parse(R"(["en","es"])"));
  EXPECT_EQ(list.get<std::vector<TargetLanguage>>().at(1), TargetLanguage::es());
  EXPECT_THROW(json(5).get<TaskStatus>(), json::type_error);
}

TEST(Enums, RecommendedFreeTextValues) {
  EXPECT_EQ(recommended_tones(),
            (std::vector<std::string>{"All", "Friendly", "Confident", "Professional"}));
  EXPECT_EQ(recommended_points_of_view(),
            (std::vector<std::string>{"All", "From consumer", "From brand"}));
  EXPECT_EQ(recommended_styles().size(), 16u);
  EXPECT_EQ(recommended_styles().front(), "Recommended");
  EXPECT_EQ(recommended_styles().back(), "Unique experiences");
  EXPECT_EQ(recommended_relevant_industries().size(), 23u);
  EXPECT_EQ(recommended_relevant_industries()[20], "Tech & electronics");
}

// ---------------------------------------------------------------------------------------
// Encoding: the documents' request examples
// ---------------------------------------------------------------------------------------

TEST(ToBody, UploadIsTheDocumentedExample) {
  UploadVideoRequest request;
  request.video_url = "https://cdn.example.com/clip.mp4";
  EXPECT_EQ(to_body(request), json::parse(R"({
    "upload_type": "UPLOAD_BY_URL",
    "use_scenario": "AIGC",
    "video_url": "https://cdn.example.com/clip.mp4"
  })"));
}


constexpr const char* kDocumentedProductJson = R"({
  "source_language": "en",
  "product_name": "Glow Serum",
  "title": "Glow all day",
  "description": "A light serum.",
  "selling_points": ["New Customer Discount", "50% Off Summer Special"],
  "brand": "Lumi",
  "price": 12.98,
  "currency": "USD"
})";

TEST(ToBody, StockVideoTaskIsTheDocumentedExample) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::stock_video();
  request.product_video_info.video_generation_count = 5;
  request.product_video_info.product_info_list = {documented_product()};
  request.product_video_info.video_id_list =
      std::vector<std::string>{"7300000000000000001", "7300000000000000002"};
  json expected = json::parse(R"({
    "aigc_video_type": "STOCK_VIDEO",
    "product_video_info": {
      "video_generation_count": 5,
      "input_video_list": {"video_id_list": ["7300000000000000001", "7300000000000000002"]}
    }
  })");
  expected["product_video_info"]["product_info_list"] = {json::parse(kDocumentedProductJson)};
  EXPECT_EQ(to_body(request), expected);
}

TEST(ToBody, AvatarProductTaskIsTheDocumentedExample) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::avatar_product();
  auto& info = request.product_video_info;
  info.video_generation_count = 5;
  info.target_language = TargetLanguage::en();
  info.product_info_list = {documented_product()};
  info.image_url_list =
      std::vector<std::string>{"https://cdn.example.com/1.png", "https://cdn.example.com/2.png",
                               "https://cdn.example.com/3.png"};
  info.video_id_list = std::vector<std::string>{"7300000000000000001", "7300000000000000002"};
  info.avatar_id = "7100000000000000001";
  json expected = json::parse(R"({
    "aigc_video_type": "AVATAR_PRODUCT",
    "product_video_info": {
      "video_generation_count": 5,
      "target_language": "en",
      "input_image_list": {"image_url_list": ["https://cdn.example.com/1.png",
                                              "https://cdn.example.com/2.png",
                                              "https://cdn.example.com/3.png"]},
      "input_video_list": {"video_id_list": ["7300000000000000001", "7300000000000000002"]},
      "avatar_info": {"avatar_id": "7100000000000000001"}
    }
  })");
  expected["product_video_info"]["product_info_list"] = {json::parse(kDocumentedProductJson)};
  EXPECT_EQ(to_body(request), expected);
}

TEST(ToBody, VoiceoverTaskIsTheDocumentedExample) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::voiceover();
  request.product_video_info.video_generation_count = 5;
  request.product_video_info.target_language = TargetLanguage::en();
  request.product_video_info.product_info_list = {documented_product()};
  request.product_video_info.video_id_list = std::vector<std::string>{"1", "2"};
  json expected = json::parse(R"({
    "aigc_video_type": "VOICEOVER",
    "product_video_info": {
      "video_generation_count": 5,
      "target_language": "en",
      "input_video_list": {"video_id_list": ["1", "2"]}
    }
  })");
  expected["product_video_info"]["product_info_list"] = {json::parse(kDocumentedProductJson)};
  EXPECT_EQ(to_body(request), expected);
}

TEST(ToBody, OnlyTheFieldsThatAreSet) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::voiceover();
  VideoProductInfo product;
  product.source_language = "en";
  product.product_name = "n";
  product.title = "t";
  product.description = "d";
  product.selling_points = {"p"};
  request.product_video_info.product_info_list = {product};
  EXPECT_EQ(to_body(request), json::parse(R"({
    "aigc_video_type": "VOICEOVER",
    "product_video_info": {"product_info_list": [
      {"source_language": "en", "product_name": "n", "title": "t", "description": "d",
       "selling_points": ["p"]}]}
  })"));
}

TEST(ToBody, ScriptTaskIsTheDocumentedExample) {
  CreateScriptTaskRequest request;
  request.script_source = ScriptSource::product();
  request.video_duration = VideoDuration::seconds_30();
  ScriptProductInfo product;
  product.name = "Glow Serum";
  product.brand = "Lumi";
  product.price = 12.98;
  product.currency = "USD";
  product.description = "A light serum.";
  product.selling_points = {"a", "b", "c"};
  request.product_info = product;
  MediaList media;
  media.image_url_list = {"https://cdn.example.com/1.png", "https://cdn.example.com/2.png"};
  media.video_id_list = {"7300000000000000001", "7300000000000000002"};
  request.media_list = media;
  ScriptInfo info;
  info.tone = "Professional";
  info.style = "Product focused";
  info.point_of_view = "From consumer";
  info.script_language = ScriptLanguage::en();
  info.relevant_industry = "Tech & electronics";
  request.script_info = info;
  request.script_generation_count = 5;
  // Quirk 11: media_list and script_generation_count at the top level.
  EXPECT_EQ(to_body(request), json::parse(R"({
    "script_source": "PRODUCT",
    "video_duration": "30S",
    "product_info": {
      "name": "Glow Serum", "brand": "Lumi", "price": 12.98, "currency": "USD",
      "description": "A light serum.", "selling_points": ["a", "b", "c"]
    },
    "media_list": {
      "image_url_list": ["https://cdn.example.com/1.png", "https://cdn.example.com/2.png"],
      "video_id_list": ["7300000000000000001", "7300000000000000002"]
    },
    "script_info": {
      "tone": "Professional", "style": "Product focused", "point_of_view": "From consumer",
      "script_language": "en", "relevant_industry": "Tech & electronics"
    },
    "script_generation_count": 5
  })"));
}

TEST(ToBody, CustomScriptTaskSendsOnlyWhatIsSet) {
  CreateScriptTaskRequest request;
  request.script_source = ScriptSource::custom();
  request.custom_prompt = "A 15 second ad for a serum.";
  EXPECT_EQ(to_body(request), json::parse(R"({
    "script_source": "CUSTOM", "custom_prompt": "A 15 second ad for a serum."
  })"));
  // Empty optional lists are not sent; an empty media_list is still an object.
  request.product_info = ScriptProductInfo{};
  request.media_list = MediaList{};
  request.script_info = ScriptInfo{};
  EXPECT_EQ(to_body(request), json::parse(R"({
    "script_source": "CUSTOM", "custom_prompt": "A 15 second ad for a serum.",
    "product_info": {"name": "", "description": ""}, "media_list": {}, "script_info": {}
  })"));
}

// Quirk 5: list parameters are one JSON text each, unencoded here.
TEST(ToQuery, VideoTaskQuery) {
  VideoTaskQuery query;
  query.task_ids = {"7300000000000000001", "7300000000000000002"};
  query.aigc_video_type = AigcVideoType::voiceover();
  EXPECT_EQ(to_query(query),
            (QueryParams{{"task_ids", R"(["7300000000000000001","7300000000000000002"])"},
                         {"aigc_video_type", "VOICEOVER"}}));
}

TEST(ToQuery, VideoListQueryAlwaysSendsTheTypes) {
  VideoListQuery query;
  EXPECT_EQ(to_query(query),
            (QueryParams{{"aigc_video_types", R"(["STOCK_VIDEO","AVATAR_PRODUCT","VOICEOVER","IMAGE_ANIMATION","DUBBING"])"}}));
  query.aigc_video_types = {AigcVideoType::voiceover()};
  query.page = 2;
  query.page_size = 100;
  EXPECT_EQ(
      to_query(query),
      (QueryParams{{"aigc_video_types", R"(["VOICEOVER"])"}, {"page", "2"}, {"page_size", "100"}}));
}

TEST(ToQuery, ScriptQueries) {
  ScriptTaskQuery task;
  task.task_id = "7300000000000000009";
  EXPECT_EQ(to_query(task), (QueryParams{{"task_id", "7300000000000000009"}}));
  ScriptListQuery list;
  EXPECT_TRUE(to_query(list).empty());
  list.page = 1;
  list.page_size = 100;
  EXPECT_EQ(to_query(list), (QueryParams{{"page", "1"}, {"page_size", "100"}}));
}

TEST(ToQuery, IdsAreJsonEscaped) {
  VideoTaskQuery query;
  query.task_ids = {R"(a"b)", "c\\d"};
  query.aigc_video_type = AigcVideoType::stock_video();
  EXPECT_EQ(json::parse(to_query(query).at(0).second), (json::array({R"(a"b)", "c\\d"})));
}

// ---------------------------------------------------------------------------------------
// Decoding: the documents' answers
// ---------------------------------------------------------------------------------------

TEST(Decode, UploadAsAnObject) {  // quirk 3, the videos document
  const auto video = decode<UploadedVideo>(json::parse(R"({"video_id": "v1"})"));
  ASSERT_TRUE(video.ok()) << video.status().to_string();
  EXPECT_EQ(video->video_id, "v1");
  EXPECT_EQ(video->raw.json(), json::parse(R"({"video_id": "v1"})"));
}

TEST(Decode, UploadAsAnArray) {  // quirk 3, the scripts document and the live API
  const auto video = decode<UploadedVideo>(json::parse(R"([{"video_id": "v2", "extra": 1}])"));
  ASSERT_TRUE(video.ok()) << video.status().to_string();
  EXPECT_EQ(video->video_id, "v2");
  EXPECT_EQ(video->raw.json(), json::parse(R"({"video_id": "v2", "extra": 1})"));
}

TEST(Decode, CreatedVideoTasks) {
  const auto created = decode<CreatedVideoTasks>(json::parse(R"({"task_ids": ["t1", "t2"]})"));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  EXPECT_EQ(created->task_ids, (std::vector<std::string>{"t1", "t2"}));
}

TEST(Decode, VideoTaskList) {
  const json data = json::parse(R"({"list": [
    {"aigc_video_type": "VOICEOVER", "preview_url": "https://p/1.mp4", "status": "SUCCESS",
     "task_id": "t1", "video_id": "v1"},
    {"aigc_video_type": "VOICEOVER", "status": "PROCESSING", "task_id": "t2"},
    {"aigc_video_type": "STOCK_VIDEO", "status": "FAILED", "task_id": "t3", "video_id": null}
  ]})");
  const auto tasks = decode<VideoTaskList>(data);
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();
  ASSERT_EQ(tasks->list.size(), 3u);
  EXPECT_EQ(tasks->list[0].task_id, "t1");
  EXPECT_EQ(tasks->list[0].aigc_video_type, AigcVideoType::voiceover());
  EXPECT_EQ(tasks->list[0].status, TaskStatus::success());
  EXPECT_EQ(tasks->list[0].video_id, std::optional<std::string>("v1"));
  EXPECT_EQ(tasks->list[0].preview_url, std::optional<std::string>("https://p/1.mp4"));
  EXPECT_EQ(tasks->list[1].status, TaskStatus::processing());
  EXPECT_FALSE(tasks->list[1].video_id);
  EXPECT_FALSE(tasks->list[1].preview_url);
  EXPECT_FALSE(tasks->list[2].video_id);  // null is absent
  EXPECT_EQ(tasks->list[2].raw.json(), data["list"][2]);
  EXPECT_EQ(tasks->raw.json(), data);
}

TEST(Decode, VideoPage) {
  const json data = json::parse(R"({
    "list": [
      {"aigc_video_type": "VOICEOVER", "create_time": "2024-01-01 00:00:01",
       "preview_url": "https://p/1.mp4", "video_id": "v1", "video_name": "VOICEOVER-20240101000001-ABC"},
      {"aigc_video_type": "AVATAR_PRODUCT", "create_time": "2024-01-01 00:00:02",
       "preview_url": "https://p/2.mp4", "video_id": "v2", "video_name": "AVATAR_PRODUCT-20240101000002-XYZ"}
    ],
    "page_info": {"page": 1, "page_size": 10, "total_number": 2, "total_page": 1}
  })");
  const auto page = decode<VideoPage>(data);
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(page->list.size(), 2u);
  EXPECT_EQ(page->list[0].video_id, "v1");
  EXPECT_EQ(page->list[0].video_name, "VOICEOVER-20240101000001-ABC");
  EXPECT_EQ(page->list[0].create_time, "2024-01-01 00:00:01");
  EXPECT_EQ(page->list[0].preview_url, "https://p/1.mp4");
  EXPECT_EQ(page->list[1].aigc_video_type, AigcVideoType::avatar_product());
  EXPECT_EQ(page->page_info.page, 1);
  EXPECT_EQ(page->page_info.page_size, 10);
  EXPECT_EQ(page->page_info.total_number, 2);
  EXPECT_EQ(page->page_info.total_page, 1);
  EXPECT_EQ(page->raw.json(), data);
}

TEST(Decode, ScriptAnswers) {
  const auto created = decode<CreatedScriptTask>(json::parse(R"({"task_id": "s1"})"));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  EXPECT_EQ(created->task_id, "s1");

  const json task_data = json::parse(R"({"task_id": "s1", "status": "SUCCESS", "list": [
    {"script_id": "a", "title": "First", "script": "Text one"},
    {"script_id": "b", "title": "Second", "script": "Text two"}]})");
  const auto task = decode<ScriptTask>(task_data);
  ASSERT_TRUE(task.ok()) << task.status().to_string();
  EXPECT_EQ(task->task_id, "s1");
  EXPECT_EQ(task->status, TaskStatus::success());
  ASSERT_EQ(task->list.size(), 2u);
  EXPECT_EQ(task->list[1].script_id, "b");
  EXPECT_EQ(task->list[1].title, "Second");
  EXPECT_EQ(task->list[1].script, "Text two");
  EXPECT_EQ(task->raw.json(), task_data);

  const auto page = decode<ScriptPage>(json::parse(R"({
    "list": [{"script_id": "a", "title": "First", "script": "Text one"}],
    "page_info": {"page": 1, "page_size": 100, "total_number": 1, "total_page": 1}})"));
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(page->list.size(), 1u);
  EXPECT_EQ(page->list[0].title, "First");
  EXPECT_EQ(page->page_info.page_size, 100);
}

TEST(Decode, TolerantOfAbsentOrNullLists) {
  const auto pending =
      decode<ScriptTask>(json::parse(R"({"task_id": "s1", "status": "SUBMITTED"})"));
  ASSERT_TRUE(pending.ok()) << pending.status().to_string();
  EXPECT_TRUE(pending->list.empty());
  const auto null_list = decode<ScriptTask>(
      json::parse(R"({"task_id": "s1", "status": "PARTIAL_SUCCESS", "list": null})"));
  ASSERT_TRUE(null_list.ok()) << null_list.status().to_string();
  EXPECT_EQ(null_list->status, TaskStatus::partial_success());
  const auto empty = decode<VideoTaskList>(json::object());
  ASSERT_TRUE(empty.ok()) << empty.status().to_string();
  EXPECT_TRUE(empty->list.empty());
}

TEST(Decode, WholeNumbersWrittenAsFloatsAreAccepted) {
  const auto info = decode<PageInfo>(
      json::parse(R"({"page": 1.0, "page_size": 10, "total_number": 0, "total_page": 0})"));
  ASSERT_TRUE(info.ok()) << info.status().to_string();
  EXPECT_EQ(info->page, 1);
}

// Quirk 13: ids above 2^53 stay exact, as strings or, defensively, integers.
TEST(Decode, BigIdsKeepEveryDigit) {
  const auto as_string =
      decode<CreatedVideoTasks>(json::parse(R"({"task_ids": ["7312345678901234567"]})"));
  ASSERT_TRUE(as_string.ok());
  EXPECT_EQ(as_string->task_ids.at(0), "7312345678901234567");

  const auto as_integers = decode<CreatedVideoTasks>(json::parse(
      R"({"task_ids": [7312345678901234567, 18446744073709551615, 9007199254740993, -5]})"));
  ASSERT_TRUE(as_integers.ok()) << as_integers.status().to_string();
  EXPECT_EQ(as_integers->task_ids,
            (std::vector<std::string>{"7312345678901234567", "18446744073709551615",
                                      "9007199254740993", "-5"}));

  const auto video = decode<UploadedVideo>(json::parse(R"([{"video_id": 7300000000000000001}])"));
  ASSERT_TRUE(video.ok());
  EXPECT_EQ(video->video_id, "7300000000000000001");

  const auto task = decode<VideoTask>(json::parse(
      R"({"task_id": 7300000000000000003, "aigc_video_type": "VOICEOVER", "status": "SUCCESS",
          "video_id": 7300000000000000004})"));
  ASSERT_TRUE(task.ok()) << task.status().to_string();
  EXPECT_EQ(task->task_id, "7300000000000000003");
  EXPECT_EQ(task->video_id, std::optional<std::string>("7300000000000000004"));

  const auto script = decode<Script>(
      json::parse(R"({"script_id": 7300000000000000005, "title": "", "script": ""})"));
  ASSERT_TRUE(script.ok());
  EXPECT_EQ(script->script_id, "7300000000000000005");
}

TEST(Decode, UnknownEnumValuesAreKept) {
  const auto tasks = decode<VideoTaskList>(json::parse(R"({"list": [
    {"task_id": "t1", "aigc_video_type": "HOLOGRAM", "status": "CANCELLED"}]})"));
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();
  EXPECT_EQ(tasks->list[0].aigc_video_type.wire(), "HOLOGRAM");
  EXPECT_FALSE(tasks->list[0].aigc_video_type.is_known());
  EXPECT_EQ(tasks->list[0].status.wire(), "CANCELLED");
  EXPECT_FALSE(tasks->list[0].status.is_terminal());
}

TEST(Decode, RawKeepsFieldsTheDocumentsDoNotName) {
  const json data = json::parse(R"({
    "list": [{"script_id": "a", "title": "t", "script": "s", "word_count": 42}],
    "page_info": {"page": 1, "page_size": 10, "total_number": 1, "total_page": 1, "has_more": false},
    "cursor": "abc"})");
  const auto page = decode<ScriptPage>(data);
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  EXPECT_EQ(page->raw.json().at("cursor"), "abc");
  EXPECT_EQ(page->raw.json(), data);
  EXPECT_EQ(page->list[0].raw.json().at("word_count"), 42);

  const auto created =
      decode<CreatedScriptTask>(json::parse(R"({"task_id": "s", "eta_seconds": 60})"));
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->raw.json().at("eta_seconds"), 60);
}

// ---------------------------------------------------------------------------------------
// Decoding: malformed `data` gives bad_response with the path, never an exception
// ---------------------------------------------------------------------------------------

struct Malformed {
  std::string name;
  std::function<Status(const json&)> decode_as;
  std::string data;  // JSON text
  std::string message;
};

template <typename T>
std::function<Status(const json&)> as() {
  return [](const json& data) { return decode<T>(data).status(); };
}

TEST(Decode, MalformedDataNamesThePath) {
  const std::string long_text(100, 'x');
  const std::vector<Malformed> cases = {
      // the data itself
      {"task list null", as<VideoTaskList>(), "null", "data: expected an object, got null"},
      {"task list array", as<VideoTaskList>(), "[]", "data: expected an object, got []"},
      {"task list string", as<VideoTaskList>(), R"("x")", R"(data: expected an object, got "x")"},
      {"page number", as<VideoPage>(), "3", "data: expected an object, got 3"},
      {"upload empty array", as<UploadedVideo>(), "[]",
       "data: expected an object or an array of one object, got []"},
      {"upload null", as<UploadedVideo>(), "null",
       "data: expected an object or an array of one object, got null"},
      {"upload array of number", as<UploadedVideo>(), "[5]", "data[0]: expected an object, got 5"},
      {"upload no id", as<UploadedVideo>(), "{}", "data.video_id: missing"},
      {"upload array no id", as<UploadedVideo>(), "[{}]", "data[0].video_id: missing"},
      {"upload id bool", as<UploadedVideo>(), R"({"video_id": false})",
       "data.video_id: expected a string id, got false"},
      // lists
      {"list object", as<VideoTaskList>(), R"({"list": {}})",
       "data.list: expected an array, got {}"},
      {"list item number", as<VideoTaskList>(), R"({"list": [1]})",
       "data.list[0]: expected an object, got 1"},
      {"third task without id", as<VideoTaskList>(),
       R"({"list": [{"task_id": "a", "aigc_video_type": "VOICEOVER", "status": "SUCCESS"},
                    {"task_id": "b", "aigc_video_type": "VOICEOVER", "status": "SUCCESS"},
                    {"aigc_video_type": "VOICEOVER", "status": "SUCCESS"}]})",
       "data.list[2].task_id: missing"},
      {"task id float", as<VideoTaskList>(),
       R"({"list": [{"task_id": 1.5, "aigc_video_type": "VOICEOVER", "status": "SUCCESS"}]})",
       "data.list[0].task_id: expected a string id, got 1.5"},
      {"task id null", as<VideoTaskList>(),
       R"({"list": [{"task_id": null, "aigc_video_type": "VOICEOVER", "status": "SUCCESS"}]})",
       "data.list[0].task_id: expected a string id, got null"},
      {"status number", as<VideoTaskList>(),
       R"({"list": [{"task_id": "a", "aigc_video_type": "VOICEOVER", "status": 5}]})",
       "data.list[0].status: expected a string, got 5"},
      {"type missing", as<VideoTaskList>(), R"({"list": [{"task_id": "a", "status": "SUCCESS"}]})",
       "data.list[0].aigc_video_type: missing"},
      {"video id array", as<VideoTaskList>(),
       R"({"list": [{"task_id": "a", "aigc_video_type": "VOICEOVER", "status": "SUCCESS", "video_id": []}]})",
       "data.list[0].video_id: expected a string id, got []"},
      {"preview url number", as<VideoTaskList>(),
       R"({"list": [{"task_id": "a", "aigc_video_type": "VOICEOVER", "status": "SUCCESS", "preview_url": 3}]})",
       "data.list[0].preview_url: expected a string, got 3"},
      // created tasks
      {"task ids missing", as<CreatedVideoTasks>(), "{}", "data.task_ids: missing"},
      {"task ids null", as<CreatedVideoTasks>(), R"({"task_ids": null})",
       "data.task_ids: expected an array, got null"},
      {"task ids string", as<CreatedVideoTasks>(), R"({"task_ids": "a"})",
       R"(data.task_ids: expected an array, got "a")"},
      {"task ids item null", as<CreatedVideoTasks>(), R"({"task_ids": ["a", null]})",
       "data.task_ids[1]: expected a string id, got null"},
      {"script task id object", as<CreatedScriptTask>(), R"({"task_id": {}})",
       "data.task_id: expected a string id, got {}"},
      // pages
      {"script page info missing", as<ScriptPage>(), R"({"list": []})", "data.page_info: missing"},
      {"page info array", as<VideoPage>(), R"({"list": [], "page_info": []})",
       "data.page_info: expected an object, got []"},
      {"total number text", as<VideoPage>(),
       R"({"list": [], "page_info": {"page": 1, "page_size": 10, "total_number": "x", "total_page": 1}})",
       R"(data.page_info.total_number: expected a number, got "x")"},
      {"page fraction", as<ScriptPage>(),
       R"({"list": [], "page_info": {"page": 1.5, "page_size": 10, "total_number": 0, "total_page": 0}})",
       "data.page_info.page: expected a whole number, got 1.5"},
      {"total page too big", as<ScriptPage>(),
       R"({"list": [], "page_info": {"page": 1, "page_size": 10, "total_number": 0, "total_page": 3000000000}})",
       "data.page_info.total_page: out of range, got 3000000000"},
      {"total number huge float", as<ScriptPage>(),
       R"({"list": [], "page_info": {"page": 1, "page_size": 10, "total_number": 1e20, "total_page": 0}})",
       "data.page_info.total_number: out of range, got 1e+20"},
      {"page size missing", as<ScriptPage>(),
       R"({"list": [], "page_info": {"page": 1, "total_number": 0, "total_page": 0}})",
       "data.page_info.page_size: missing"},
      {"video create time missing", as<VideoPage>(),
       R"({"list": [{"video_id": "v", "video_name": "n", "preview_url": "u", "aigc_video_type": "VOICEOVER"}],
           "page_info": {"page": 1, "page_size": 10, "total_number": 1, "total_page": 1}})",
       "data.list[0].create_time: missing"},
      {"video name null", as<VideoPage>(),
       R"({"list": [{"video_id": "v", "video_name": null, "create_time": "c", "preview_url": "u",
                     "aigc_video_type": "VOICEOVER"}]})",
       "data.list[0].video_name: expected a string, got null"},
      // scripts
      {"script status missing", as<ScriptTask>(), R"({"task_id": "s"})", "data.status: missing"},
      {"script text missing", as<ScriptTask>(),
       R"({"task_id": "s", "status": "SUCCESS", "list": [{"script_id": "1", "title": "t"}]})",
       "data.list[0].script: missing"},
      {"script list string", as<ScriptTask>(),
       R"({"task_id": "s", "status": "SUCCESS", "list": "no"})",
       R"(data.list: expected an array, got "no")"},
      // long values are cut
      {"long value", as<CreatedScriptTask>(), R"({"task_id": [")" + long_text + R"("]})",
       R"(data.task_id: expected a string id, got [")" + std::string(55, 'x') + "..."},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const json data = json::parse(c.data);
    Status status;
    EXPECT_NO_THROW(status = c.decode_as(data));
    EXPECT_EQ(status.category, ErrorCategory::bad_response);
    EXPECT_EQ(status.message, c.message);
    EXPECT_EQ(status.api_code, 0);
  }
}

// ---------------------------------------------------------------------------------------
// Digital Avatar: what is sent, and the answers read
// ---------------------------------------------------------------------------------------

TEST(ToBody, AvatarVideoTasksSendOnlyWhatIsSet) {
  CreateAvatarVideoTasksRequest request;
  AvatarMaterialPackage full;
  full.avatar_id = "7301881390801371138";
  full.script = "Hello \xE2\x82\xAC";
  full.video_name = "Spring";
  full.package_id = "pkg-1";
  AvatarMaterialPackage bare;
  bare.avatar_id = "7301881390801371139";
  bare.script = "Hi";
  request.material_packages = {full, bare};
  EXPECT_EQ(to_body(request), json::parse(R"({"material_packages": [
      {"avatar_id": "7301881390801371138", "script": "Hello \u20ac", "video_name": "Spring", "package_id": "pkg-1"},
      {"avatar_id": "7301881390801371139", "script": "Hi"}]})"));
}

TEST(ToBody, RenameSendsExactlyTheTwoDocumentedFields) {
  EXPECT_EQ(to_body(RenameAvatarVideoRequest{"7500000000000000001", "Spring launch"}),
            json::parse(R"({"avatar_video_id": "7500000000000000001", "file_name": "Spring launch"})"));
}

TEST(ToQuery, AvatarQueries) {
  EXPECT_EQ(to_query(AvatarListQuery{}), QueryParams{});
  EXPECT_EQ(to_query(AvatarListQuery{2, 100}), (QueryParams{{"page", "2"}, {"page_size", "100"}}));
  // task_ids as one JSON array text, ids as strings
  EXPECT_EQ(to_query(AvatarVideoTaskQuery{{"7400000000000000001", "7400000000000000002"}}),
            (QueryParams{{"task_ids", R"(["7400000000000000001","7400000000000000002"])"}}));
}

TEST(ToQuery, AvatarVideoListSendsFilteringOnlyWhenAMemberIsSet) {
  AvatarVideoListQuery query;
  EXPECT_EQ(to_query(query), QueryParams{});
  query.page = 1;
  query.page_size = 100;
  EXPECT_EQ(to_query(query), (QueryParams{{"page", "1"}, {"page_size", "100"}}));
  query.end_date = "2024-01-31";
  EXPECT_EQ(to_query(query),
            (QueryParams{{"filtering", R"({"end_date":"2024-01-31"})"}, {"page", "1"}, {"page_size", "100"}}));
  query.avatar_id = "7301881390801371138";
  query.start_date = "2024-01-01";
  const QueryParams params = to_query(query);
  ASSERT_EQ(params.size(), 3u);
  EXPECT_EQ(params[0].first, "filtering");
  EXPECT_EQ(json::parse(params[0].second),
            json::parse(R"({"avatar_id": "7301881390801371138", "start_date": "2024-01-01",
                            "end_date": "2024-01-31"})"));
  // A member's text is JSON-escaped.
  query = AvatarVideoListQuery{};
  query.avatar_id = "a\"b";
  EXPECT_EQ(to_query(query), (QueryParams{{"filtering", R"({"avatar_id":"a\"b"})"}}));
}

TEST(Decode, AvatarCatalogueWithAndWithoutPageInfo) {
  const auto with = decode<AvatarPage>(json::parse(R"({
    "page_info": {"page": 1, "total_number": 88, "total_page": 1, "page_size": 100},
    "list": [{"avatar_id": "7301881390801371138", "avatar_name": "Ava in blazer",
              "avatar_thumbnail": "https://cdn.example.com/obj/ad-creative/avatar/k_cover",
              "avatar_preview_url": "https://cdn.example.com/obj/ad-creative/avatar/k_video"}]})"));
  ASSERT_TRUE(with.ok()) << with.status().to_string();
  ASSERT_EQ(with->list.size(), 1u);  // total_number is not checked against the list
  EXPECT_EQ(with->list[0].avatar_id, "7301881390801371138");
  EXPECT_EQ(with->list[0].avatar_name, "Ava in blazer");
  EXPECT_EQ(with->list[0].avatar_thumbnail, "https://cdn.example.com/obj/ad-creative/avatar/k_cover");
  EXPECT_EQ(with->list[0].avatar_preview_url, "https://cdn.example.com/obj/ad-creative/avatar/k_video");
  ASSERT_TRUE(with->page_info.has_value());
  EXPECT_EQ(with->page_info->total_number, 88);
  EXPECT_EQ(with->page_info->page_size, 100);

  const auto without = decode<AvatarPage>(json::parse(R"({"list": []})"));
  ASSERT_TRUE(without.ok()) << without.status().to_string();
  EXPECT_TRUE(without->list.empty());
  EXPECT_FALSE(without->page_info.has_value());
  const auto null_info = decode<AvatarPage>(json::parse(R"({"list": [], "page_info": null})"));
  ASSERT_TRUE(null_info.ok()) << null_info.status().to_string();
  EXPECT_FALSE(null_info->page_info.has_value());
}

TEST(Decode, CreatedAvatarVideoTasksReadPackageIdsAndFailures) {
  const auto created = decode<CreatedAvatarVideoTasks>(json::parse(R"({"list": [
    {"package_id": "pkg-1", "task_id": "7400000000000000001"},
    {"package_id": null, "task_id": "7400000000000000002"},
    {"task_id": "7400000000000000003"},
    {"package_id": "", "task_id": "7400000000000000004"},
    {"package_id": "pkg-5", "error_msg": "avatar_id not found"},
    {"package_id": "pkg-6", "task_id": "", "error_msg": "avatar_id not found"},
    {"package_id": "pkg-7", "task_id": "7400000000000000007", "error_msg": "script rejected"},
    {"package_id": "pkg-8", "task_id": "7400000000000000008", "error_msg": ""}]})"));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  const auto& list = created->list;
  ASSERT_EQ(list.size(), 8u);
  EXPECT_EQ(list[0].package_id, std::optional<std::string>("pkg-1"));
  EXPECT_EQ(list[0].task_id, std::optional<std::string>("7400000000000000001"));
  EXPECT_FALSE(list[0].failed());
  // null, absent and "" are all "no package_id"
  EXPECT_FALSE(list[1].package_id.has_value());
  EXPECT_FALSE(list[2].package_id.has_value());
  EXPECT_FALSE(list[3].package_id.has_value());
  EXPECT_FALSE(list[1].failed());
  // an error_msg fails the package whether task_id is absent, "" or set
  EXPECT_TRUE(list[4].failed());
  EXPECT_FALSE(list[4].task_id.has_value());
  EXPECT_EQ(list[4].error_msg, std::optional<std::string>("avatar_id not found"));
  EXPECT_EQ(list[4].package_id, std::optional<std::string>("pkg-5"));
  EXPECT_TRUE(list[5].failed());
  EXPECT_FALSE(list[5].task_id.has_value());
  EXPECT_TRUE(list[6].failed());
  EXPECT_EQ(list[6].task_id, std::optional<std::string>("7400000000000000007"));
  // an empty error_msg is no error
  EXPECT_FALSE(list[7].error_msg.has_value());
  EXPECT_FALSE(list[7].failed());
  EXPECT_EQ(created->task_ids(), (std::vector<std::string>{"7400000000000000001", "7400000000000000002",
                                                           "7400000000000000003", "7400000000000000004",
                                                           "7400000000000000008"}));
}

// The Dubbed Translations document lists dubbed videos without page_info (quirk 46).
TEST(Decode, AVideoListWithoutPageInfoIsOneWholePage) {
  const auto page = decode<VideoPage>(json::parse(R"({"list": [
      {"aigc_video_type": "DUBBING", "video_id": "7", "video_name": "a", "create_time": "2024-01-01 00:00:01",
       "preview_url": "https://cdn.example.com/a.mp4"},
      {"aigc_video_type": "DUBBING", "video_id": "8", "video_name": "b", "create_time": "2024-01-01 00:00:02",
       "preview_url": "https://cdn.example.com/b.mp4"}]})"));
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  EXPECT_EQ(page->list.size(), 2u);
  EXPECT_EQ(page->page_info.page, 1);
  EXPECT_EQ(page->page_info.page_size, 2);
  EXPECT_EQ(page->page_info.total_number, 2);
  EXPECT_EQ(page->page_info.total_page, 1);
  const auto empty = decode<VideoPage>(json::parse(R"({"list": []})"));
  ASSERT_TRUE(empty.ok()) << empty.status().to_string();
  EXPECT_EQ(empty->page_info.total_page, 0);
}

TEST(Decode, AvatarVideoTasksReadEmptyIdAndUrlAsUnset) {
  const auto tasks = decode<AvatarVideoTaskList>(json::parse(R"({"list": [
    {"video_name": "project-20231205094238-cDc", "status": "PROCESSING", "avatar_video_id": "",
     "task_id": "7400000000000000001", "preview_url": ""},
    {"video_name": "Spring", "status": "SUBMITTED", "task_id": "7400000000000000002"},
    {"preview_url": "http://cdn.example.com/v.mp4", "avatar_video_id": "7500000000000000003",
     "task_id": "7400000000000000003", "status": "SUCCESS", "video_name": "Renamed"},
    {"video_name": "x", "status": "FAILED", "task_id": "7400000000000000004", "avatar_video_id": null,
     "preview_url": null}]})"));
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();
  const auto& list = tasks->list;
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].status, TaskStatus::processing());
  EXPECT_EQ(list[0].video_name, "project-20231205094238-cDc");
  EXPECT_FALSE(list[0].avatar_video_id.has_value());
  EXPECT_FALSE(list[0].preview_url.has_value());
  EXPECT_EQ(list[0].raw.json().at("preview_url"), "");  // as answered
  EXPECT_FALSE(list[1].avatar_video_id.has_value());
  EXPECT_FALSE(list[1].preview_url.has_value());
  EXPECT_EQ(list[2].status, TaskStatus::success());
  EXPECT_EQ(list[2].avatar_video_id, std::optional<std::string>("7500000000000000003"));
  EXPECT_EQ(list[2].preview_url, std::optional<std::string>("http://cdn.example.com/v.mp4"));
  EXPECT_EQ(list[3].status, TaskStatus::failed());
  EXPECT_FALSE(list[3].avatar_video_id.has_value());
}

TEST(Decode, AvatarVideoPageAndRename) {
  const auto page = decode<AvatarVideoPage>(json::parse(R"({
    "list": [{"preview_url": "https://cdn.example.com/v.mp4", "video_name": "project-20231204113044",
              "create_time": "2023-12-04 11:30:44", "avatar_video_id": "7500000000000000001",
              "avatar_id": "7301881390801371138",
              "video_cover_url": "http://p16-sign-va.tiktokcdn.com/b/k~tplv-noop.image?x-expires=1702302005&x-signature=a%2Fb"}],
    "page_info": {"page_size": 100, "total_number": 1, "total_page": 1, "page": 1}})"));
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(page->list.size(), 1u);
  const AvatarVideo& video = page->list[0];
  EXPECT_EQ(video.avatar_video_id, "7500000000000000001");
  EXPECT_EQ(video.video_name, "project-20231204113044");  // any name is kept as is
  EXPECT_EQ(video.create_time, "2023-12-04 11:30:44");
  EXPECT_EQ(video.preview_url, "https://cdn.example.com/v.mp4");
  EXPECT_EQ(video.video_cover_url,
            "http://p16-sign-va.tiktokcdn.com/b/k~tplv-noop.image?x-expires=1702302005&x-signature=a%2Fb");
  EXPECT_EQ(video.avatar_id, "7301881390801371138");
  EXPECT_EQ(page->page_info.total_number, 1);

  const auto renamed = decode<RenamedAvatarVideo>(json::object());
  ASSERT_TRUE(renamed.ok()) << renamed.status().to_string();
  EXPECT_EQ(renamed->raw.json(), json::object());
}

// 19-digit ids are above 2^53: kept digit for digit, as strings or (defensively) numbers.
TEST(Decode, AvatarIdsKeepEveryDigit) {
  const auto avatars = decode<AvatarPage>(json::parse(R"({"list": [
    {"avatar_id": 7301881390801371139, "avatar_name": "n", "avatar_thumbnail": "https://h/c",
     "avatar_preview_url": "https://h/v"}]})"));
  ASSERT_TRUE(avatars.ok()) << avatars.status().to_string();
  EXPECT_EQ(avatars->list[0].avatar_id, "7301881390801371139");

  const auto created = decode<CreatedAvatarVideoTasks>(
      json::parse(R"({"list": [{"task_id": 9007199254740993, "package_id": null}]})"));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  EXPECT_EQ(created->list[0].task_id, std::optional<std::string>("9007199254740993"));

  const auto tasks = decode<AvatarVideoTaskList>(json::parse(R"({"list": [
    {"task_id": "7400000000000000001", "status": "SUCCESS", "video_name": "v",
     "avatar_video_id": 7500000000000000001, "preview_url": "https://h/v"}]})"));
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();
  EXPECT_EQ(tasks->list[0].avatar_video_id, std::optional<std::string>("7500000000000000001"));

  const auto videos = decode<AvatarVideoPage>(json::parse(R"({"list": [
    {"avatar_video_id": "7500000000000000009", "video_name": "v", "create_time": "t", "preview_url": "u",
     "video_cover_url": "c", "avatar_id": 7301881390801371138}],
    "page_info": {"page": 1, "page_size": 10, "total_number": 1, "total_page": 1}})"));
  ASSERT_TRUE(videos.ok()) << videos.status().to_string();
  EXPECT_EQ(videos->list[0].avatar_video_id, "7500000000000000009");
  EXPECT_EQ(videos->list[0].avatar_id, "7301881390801371138");
}

TEST(Decode, MalformedAvatarAnswersNameThePath) {
  const std::string task = R"("task_id": "t", "status": "PROCESSING", "video_name": "n")";
  const std::string video = R"("avatar_video_id": "v", "video_name": "n", "create_time": "c",
                               "preview_url": "u", "video_cover_url": "c", "avatar_id": "a")";
  const std::string info = R"("page_info": {"page": 1, "page_size": 10, "total_number": 1, "total_page": 1})";
  const std::vector<Malformed> cases = {
      // the catalogue
      {"avatars not an object", as<AvatarPage>(), "[]", "data: expected an object, got []"},
      {"avatar list string", as<AvatarPage>(), R"({"list": "x"})", R"(data.list: expected an array, got "x")"},
      {"avatar id bool", as<AvatarPage>(),
       R"({"list": [{"avatar_id": true, "avatar_name": "n", "avatar_thumbnail": "t", "avatar_preview_url": "p"}]})",
       "data.list[0].avatar_id: expected a string id, got true"},
      {"avatar thumbnail missing", as<AvatarPage>(),
       R"({"list": [{"avatar_id": "a", "avatar_name": "n", "avatar_preview_url": "p"}]})",
       "data.list[0].avatar_thumbnail: missing"},
      {"avatar page_info array", as<AvatarPage>(), R"({"list": [], "page_info": []})",
       "data.page_info: expected an object, got []"},
      {"avatar page_info total text", as<AvatarPage>(),
       R"({"list": [], "page_info": {"page": 1, "page_size": 10, "total_number": "88", "total_page": 1}})",
       R"(data.page_info.total_number: expected a number, got "88")"},
      // created tasks
      {"created list missing", as<CreatedAvatarVideoTasks>(), "{}", "data.list: missing"},
      {"created list object", as<CreatedAvatarVideoTasks>(), R"({"list": {}})",
       "data.list: expected an array, got {}"},
      {"created item number", as<CreatedAvatarVideoTasks>(), R"({"list": [3]})",
       "data.list[0]: expected an object, got 3"},
      {"package_id number", as<CreatedAvatarVideoTasks>(), R"({"list": [{"task_id": "t", "package_id": 5}]})",
       "data.list[0].package_id: expected a string, got 5"},
      {"error_msg object", as<CreatedAvatarVideoTasks>(), R"({"list": [{"error_msg": {}}]})",
       "data.list[0].error_msg: expected a string, got {}"},
      {"created task_id float", as<CreatedAvatarVideoTasks>(), R"({"list": [{"task_id": 1.5}]})",
       "data.list[0].task_id: expected a string id, got 1.5"},
      // tasks
      {"task status number", as<AvatarVideoTaskList>(),
       R"({"list": [{"task_id": "t", "status": 1, "video_name": "n"}]})",
       "data.list[0].status: expected a string, got 1"},
      {"task video_name missing", as<AvatarVideoTaskList>(), R"({"list": [{"task_id": "t", "status": "SUCCESS"}]})",
       "data.list[0].video_name: missing"},
      {"task avatar_video_id array", as<AvatarVideoTaskList>(), R"({"list": [{)" + task + R"(, "avatar_video_id": []}]})",
       "data.list[0].avatar_video_id: expected a string id, got []"},
      {"task preview_url false", as<AvatarVideoTaskList>(), R"({"list": [{)" + task + R"(, "preview_url": false}]})",
       "data.list[0].preview_url: expected a string, got false"},
      // videos
      {"video list page_info missing", as<AvatarVideoPage>(), R"({"list": []})", "data.page_info: missing"},
      {"video cover number", as<AvatarVideoPage>(),
       R"({"list": [{"avatar_video_id": "v", "video_name": "n", "create_time": "c", "preview_url": "u",
                     "video_cover_url": 7, "avatar_id": "a"}], )" + info + "}",
       "data.list[0].video_cover_url: expected a string, got 7"},
      {"video avatar_id missing", as<AvatarVideoPage>(),
       R"({"list": [{"avatar_video_id": "v", "video_name": "n", "create_time": "c", "preview_url": "u",
                     "video_cover_url": "c"}], )" + info + "}",
       "data.list[0].avatar_id: missing"},
      {"second video id null", as<AvatarVideoPage>(),
       R"({"list": [{)" + video + R"(}, {"avatar_video_id": null}], )" + info + "}",
       "data.list[1].avatar_video_id: expected a string id, got null"},
      // rename
      {"rename data array", as<RenamedAvatarVideo>(), "[]", "data: expected an object, got []"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const json data = json::parse(c.data);
    Status status;
    EXPECT_NO_THROW(status = c.decode_as(data));
    EXPECT_EQ(status.category, ErrorCategory::bad_response);
    EXPECT_EQ(status.message, c.message);
  }
}

// ---------------------------------------------------------------------------------------
// Dubbed Translations: the DUBBING body sent, and dubbing_info read
// ---------------------------------------------------------------------------------------

TEST(Enums, DubbingLanguagesAreTheDocumentedThirteen) {
  EXPECT_EQ(AigcVideoType::dubbing().wire(), "DUBBING");
  EXPECT_EQ(DubbingLanguage::known_values(),
            (std::vector<std::string>{"ar", "en", "fr", "de", "id", "it", "ja", "ko", "pt", "es", "th", "tr", "vi"}));
  const std::vector<DubbingLanguage> named = {
      DubbingLanguage::ar(), DubbingLanguage::en(), DubbingLanguage::fr(), DubbingLanguage::de(), DubbingLanguage::id(),
      DubbingLanguage::it(), DubbingLanguage::ja(), DubbingLanguage::ko(), DubbingLanguage::pt(), DubbingLanguage::es(),
      DubbingLanguage::th(), DubbingLanguage::tr(), DubbingLanguage::vi()};
  ASSERT_EQ(named.size(), DubbingLanguage::known_values().size());
  for (std::size_t i = 0; i < named.size(); ++i) {
    EXPECT_EQ(named[i].wire(), DubbingLanguage::known_values()[i]);
    EXPECT_TRUE(named[i].is_known());
  }
  EXPECT_FALSE(DubbingLanguage("ms").is_known());
  EXPECT_FALSE(DubbingLanguage().is_known());
}

DubbingVideoInfo dubbing_video(const std::string& url, DubbingLanguage language) {
  DubbingVideoInfo video;
  video.video_url = url;
  video.target_language = std::move(language);
  return video;
}

// The documents' example: two videos, one language each, named, with subtitles.
TEST(ToBody, DubbingTaskIsTheDocumentedExample) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::dubbing();
  request.dubbing_video_info = {dubbing_video("https://cdn.example.com/a.mp4", DubbingLanguage::fr()),
                                dubbing_video("https://cdn.example.com/b.mp4", DubbingLanguage::en())};
  for (DubbingVideoInfo& video : request.dubbing_video_info) {
    video.video_name = "launch";
    video.subtitle_enabled = true;
  }
  EXPECT_EQ(to_body(request), json::parse(R"({
    "aigc_video_type": "DUBBING",
    "dubbing_video_info": [
      {"video_url": "https://cdn.example.com/a.mp4", "target_languages": ["fr"], "video_name": "launch",
       "subtitle_enabled": true},
      {"video_url": "https://cdn.example.com/b.mp4", "target_languages": ["en"], "video_name": "launch",
       "subtitle_enabled": true}
    ]
  })"));
}

// Every member of an item, the scripts' times as JSON numbers: whole milliseconds as
// integers, others as they are.
TEST(ToBody, DubbingItemWithEveryMemberAndItsScripts) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::dubbing();
  DubbingVideoInfo video = dubbing_video("https://cdn.example.com/a.mp4", DubbingLanguage::ja());
  video.lipsync_enabled = false;
  video.video_name = "n";
  video.subtitle_enabled = false;
  video.scripts = {{"Bonjour", 0, 20000}, {"Au revoir", 20000.5, 40000.25}};
  request.dubbing_video_info = {video};
  const json body = to_body(request);
  EXPECT_EQ(body, json::parse(R"({
    "aigc_video_type": "DUBBING",
    "dubbing_video_info": [
      {"video_url": "https://cdn.example.com/a.mp4", "target_languages": ["ja"], "lipsync_enabled": false,
       "video_name": "n", "subtitle_enabled": false,
       "scripts": [{"text": "Bonjour", "text_start_time": 0, "text_end_time": 20000},
                   {"text": "Au revoir", "text_start_time": 20000.5, "text_end_time": 40000.25}]}
    ]
  })"));
  const json& scripts = body["dubbing_video_info"][0]["scripts"];
  EXPECT_TRUE(scripts[0]["text_end_time"].is_number_integer());
  EXPECT_TRUE(scripts[1]["text_start_time"].is_number_float());
  EXPECT_EQ(scripts[1]["text_start_time"].get<double>(), 20000.5);
  EXPECT_EQ(body.dump().find("20000.0"), std::string::npos);
}

// Only the members that are set; no scripts when there are none; one language, as an array
// of one, whatever it is.
TEST(ToBody, DubbingSendsOnlyWhatIsSet) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::dubbing();
  request.dubbing_video_info = {dubbing_video("http://cdn.example.com/a.mov", DubbingLanguage("xx"))};
  EXPECT_EQ(to_body(request), json::parse(R"({
    "aigc_video_type": "DUBBING",
    "dubbing_video_info": [{"video_url": "http://cdn.example.com/a.mov", "target_languages": ["xx"]}]
  })"));
}

// The type picks the body: DUBBING never sends product_video_info, the product types never
// send dubbing_video_info, whatever the request holds.
TEST(ToBody, EachTypeSendsOnlyItsOwnBody) {
  CreateVideoTaskRequest request;
  request.product_video_info.video_generation_count = 2;
  request.product_video_info.product_info_list = {documented_product()};
  request.product_video_info.video_id_list = std::vector<std::string>{"1"};
  request.dubbing_video_info = {dubbing_video("https://cdn.example.com/a.mp4", DubbingLanguage::de())};

  request.aigc_video_type = AigcVideoType::dubbing();
  json body = to_body(request);
  EXPECT_FALSE(body.contains("product_video_info"));
  ASSERT_TRUE(body.contains("dubbing_video_info"));
  EXPECT_EQ(body["dubbing_video_info"].size(), 1u);

  for (const AigcVideoType& type :
       {AigcVideoType::stock_video(), AigcVideoType::avatar_product(), AigcVideoType::voiceover()}) {
    SCOPED_TRACE(type.wire());
    request.aigc_video_type = type;
    body = to_body(request);
    EXPECT_TRUE(body.contains("product_video_info"));
    EXPECT_FALSE(body.contains("dubbing_video_info"));
  }

  // DUBBING with no videos: no dubbing_video_info, which the check then names as missing.
  request.aigc_video_type = AigcVideoType::dubbing();
  request.dubbing_video_info.clear();
  EXPECT_EQ(to_body(request), json::parse(R"({"aigc_video_type": "DUBBING"})"));
}

// The documents' example of a dubbed video, times as integers, and a video of another type
// beside it.
TEST(Decode, DubbedVideoWithItsDubbingInfo) {
  const json data = json::parse(R"({
    "list": [
      {"aigc_video_type": "DUBBING", "create_time": "2024-01-01 00:00:01",
       "dubbing_info": {
         "original_scripts": [{"text": "Hello", "text_end_time": 20000, "text_start_time": 0},
                              {"text": "Bye", "text_end_time": 40000, "text_start_time": 20001}],
         "target_language": "fr",
         "translated_scripts": [{"text": "Bonjour", "text_end_time": 20000, "text_start_time": 0},
                                {"text": "Au revoir", "text_end_time": 40000, "text_start_time": 20001}]},
       "preview_url": "https://p/1.mp4", "video_id": "v1", "video_name": "DUBBING-20240101000001-cDc"},
      {"aigc_video_type": "VOICEOVER", "create_time": "2024-01-01 00:00:00",
       "preview_url": "https://p/2.mp4", "video_id": "v2", "video_name": "VOICEOVER-20240101000000-ABC"}
    ],
    "page_info": {"page": 1, "page_size": 10, "total_number": 2, "total_page": 1}
  })");
  const auto page = decode<VideoPage>(data);
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(page->list.size(), 2u);
  const Video& dubbed = page->list[0];
  EXPECT_EQ(dubbed.aigc_video_type, AigcVideoType::dubbing());
  ASSERT_TRUE(dubbed.dubbing_info.has_value());
  const DubbingInfo& info = *dubbed.dubbing_info;
  EXPECT_EQ(info.target_language, DubbingLanguage::fr());
  ASSERT_EQ(info.original_scripts.size(), 2u);
  EXPECT_EQ(info.original_scripts[1].text, "Bye");
  EXPECT_EQ(info.original_scripts[1].text_start_time, 20001.0);
  EXPECT_EQ(info.original_scripts[1].text_end_time, 40000.0);
  ASSERT_EQ(info.translated_scripts.size(), 2u);
  EXPECT_EQ(info.translated_scripts[0].text, "Bonjour");
  EXPECT_EQ(info.translated_scripts[0].text_start_time, 0.0);
  EXPECT_EQ(info.translated_scripts[0].text_end_time, 20000.0);
  EXPECT_EQ(info.raw.json(), data["list"][0]["dubbing_info"]);
  EXPECT_FALSE(page->list[1].dubbing_info.has_value());
}

// Times are doubles: fractions, exponents and values past 2^31 are kept; an unknown
// language is kept; absent or null lists are empty; a null dubbing_info is none.
TEST(Decode, DubbingInfoTimesAsAnyNumber) {
  const auto info = decode<DubbingInfo>(json::parse(R"({
    "original_scripts": [{"text": "a", "text_start_time": 525.5, "text_end_time": 8.9345e3},
                         {"text": "b", "text_start_time": 9728, "text_end_time": 3000000000}],
    "translated_scripts": null,
    "target_language": "zz"
  })"));
  ASSERT_TRUE(info.ok()) << info.status().to_string();
  ASSERT_EQ(info->original_scripts.size(), 2u);
  EXPECT_EQ(info->original_scripts[0].text_start_time, 525.5);
  EXPECT_EQ(info->original_scripts[0].text_end_time, 8934.5);
  EXPECT_EQ(info->original_scripts[1].text_end_time, 3000000000.0);
  EXPECT_TRUE(info->translated_scripts.empty());
  EXPECT_EQ(info->target_language.wire(), "zz");
  EXPECT_FALSE(info->target_language.is_known());

  const auto video = decode<Video>(json::parse(R"({"aigc_video_type": "DUBBING", "video_id": "v",
      "video_name": "n", "create_time": "c", "preview_url": "u", "dubbing_info": null})"));
  ASSERT_TRUE(video.ok()) << video.status().to_string();
  EXPECT_FALSE(video->dubbing_info.has_value());

  const auto bare = decode<DubbingInfo>(json::parse(R"({"target_language": "en"})"));
  ASSERT_TRUE(bare.ok()) << bare.status().to_string();
  EXPECT_TRUE(bare->original_scripts.empty());
  EXPECT_TRUE(bare->translated_scripts.empty());
}

TEST(Decode, MalformedDubbingInfoNamesThePath) {
  const std::string head =
      R"({"list": [{"aigc_video_type": "DUBBING", "video_id": "v", "video_name": "n", "create_time": "c",
                    "preview_url": "u", "dubbing_info": )";
  const std::string tail = "}]}";
  const std::string segment = R"({"text": "t", "text_start_time": 0, "text_end_time": 1})";
  const auto video_with = [&](const std::string& dubbing_info) { return head + dubbing_info + tail; };
  const std::vector<Malformed> cases = {
      {"dubbing_info array", as<VideoPage>(), video_with("[]"),
       "data.list[0].dubbing_info: expected an object, got []"},
      {"dubbing_info text", as<VideoPage>(), video_with(R"("fr")"),
       R"(data.list[0].dubbing_info: expected an object, got "fr")"},
      {"target_language missing", as<VideoPage>(), video_with(R"({"original_scripts": []})"),
       "data.list[0].dubbing_info.target_language: missing"},
      {"target_language array", as<VideoPage>(), video_with(R"({"target_language": ["fr"]})"),
       R"(data.list[0].dubbing_info.target_language: expected a string, got ["fr"])"},
      {"original_scripts object", as<VideoPage>(),
       video_with(R"({"original_scripts": {}, "target_language": "fr"})"),
       "data.list[0].dubbing_info.original_scripts: expected an array, got {}"},
      {"second segment's end a string", as<VideoPage>(),
       video_with(R"({"original_scripts": [)" + segment +
                  R"(, {"text": "u", "text_start_time": 1, "text_end_time": "2000"}], "target_language": "fr"})"),
       R"(data.list[0].dubbing_info.original_scripts[1].text_end_time: expected a number, got "2000")"},
      {"segment start missing", as<VideoPage>(),
       video_with(R"({"translated_scripts": [{"text": "t", "text_end_time": 1}], "target_language": "fr"})"),
       "data.list[0].dubbing_info.translated_scripts[0].text_start_time: missing"},
      {"segment start null", as<VideoPage>(),
       video_with(R"({"translated_scripts": [{"text": "t", "text_start_time": null, "text_end_time": 1}],
                      "target_language": "fr"})"),
       "data.list[0].dubbing_info.translated_scripts[0].text_start_time: expected a number, got null"},
      {"segment text number", as<VideoPage>(),
       video_with(R"({"translated_scripts": [)" + segment +
                  R"(, {"text": 5, "text_start_time": 1, "text_end_time": 2}], "target_language": "fr"})"),
       "data.list[0].dubbing_info.translated_scripts[1].text: expected a string, got 5"},
      {"segment a number", as<VideoPage>(),
       video_with(R"({"original_scripts": [7], "target_language": "fr"})"),
       "data.list[0].dubbing_info.original_scripts[0]: expected an object, got 7"},
      {"segment end boolean", as<DubbingInfo>(),
       R"({"original_scripts": [{"text": "t", "text_start_time": 0, "text_end_time": true}], "target_language": "fr"})",
       "data.original_scripts[0].text_end_time: expected a number, got true"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const json data = json::parse(c.data);
    Status status;
    EXPECT_NO_THROW(status = c.decode_as(data));
    EXPECT_EQ(status.category, ErrorCategory::bad_response);
    EXPECT_EQ(status.message, c.message);
  }
}

// Random JSON of every kind, deeply nested, for every result type: decode answers, never throws.
json random_json(std::mt19937& random, int depth) {
  static const std::vector<std::string> keys = {
      "video_id",     "task_ids",   "task_id",     "list",      "status", "aigc_video_type",
      "preview_url",  "video_name", "create_time", "page_info", "page",   "page_size",
      "total_number", "total_page", "script_id",   "title",     "script", "other",
      "avatar_id",    "avatar_name", "avatar_thumbnail", "avatar_preview_url", "package_id", "error_msg",
      "avatar_video_id", "video_cover_url", "dubbing_info", "original_scripts", "translated_scripts",
      "target_language", "text", "text_start_time", "text_end_time"};
  const int kind = std::uniform_int_distribution<int>(0, depth > 3 ? 6 : 8)(random);
  switch (kind) {
    case 0:
      return nullptr;
    case 1:
      return std::uniform_int_distribution<int>(0, 1)(random) == 1;
    case 2:
      return std::uniform_int_distribution<std::int64_t>(
          std::numeric_limits<std::int64_t>::min(),
          std::numeric_limits<std::int64_t>::max())(random);
    case 3:
      return std::numeric_limits<std::uint64_t>::max() -
             std::uniform_int_distribution<std::uint64_t>(0, 10)(random);
    case 4:
      return std::uniform_real_distribution<double>(-1e12, 1e12)(random);
    case 5:
      return "SUCCESS";
    case 6:
      return std::string("x\xC3\xA9");
    case 7: {
      json array = json::array();
      const int n = std::uniform_int_distribution<int>(0, 3)(random);
      for (int i = 0; i < n; ++i) array.push_back(random_json(random, depth + 1));
      return array;
    }
    default: {
      json object = json::object();
      const int n = std::uniform_int_distribution<int>(0, 6)(random);
      for (int i = 0; i < n; ++i) {
        object[keys[std::uniform_int_distribution<std::size_t>(0, keys.size() - 1)(random)]] =
            random_json(random, depth + 1);
      }
      return object;
    }
  }
}

TEST(Decode, NeverThrowsOnRandomData) {
  std::mt19937 random(12345);
  const std::vector<std::function<Status(const json&)>> decoders = {
      as<UploadedVideo>(), as<CreatedVideoTasks>(), as<VideoTask>(), as<VideoTaskList>(),
      as<Video>(),         as<PageInfo>(),          as<VideoPage>(), as<CreatedScriptTask>(),
      as<Script>(),        as<ScriptTask>(),        as<ScriptPage>(),
      as<Avatar>(),        as<AvatarPage>(),        as<CreatedAvatarVideoTask>(), as<CreatedAvatarVideoTasks>(),
      as<AvatarVideoTask>(), as<AvatarVideoTaskList>(), as<AvatarVideo>(), as<AvatarVideoPage>(),
      as<RenamedAvatarVideo>(), as<DubbingInfo>()};
  int failures = 0;
  for (int i = 0; i < 3000; ++i) {
    const json data = random_json(random, 0);
    for (const auto& decode_as : decoders) {
      Status status;
      ASSERT_NO_THROW(status = decode_as(data)) << data.dump();
      if (!status.ok()) {
        ++failures;
        ASSERT_EQ(status.category, ErrorCategory::bad_response) << data.dump();
        ASSERT_EQ(status.message.rfind("data", 0), 0u) << status.message;
      }
    }
  }
  EXPECT_GT(failures, 0);
}

// ---------------------------------------------------------------------------------------
// Round trip through the mock: what to_body()/to_query() send is accepted, and what the
// mock answers decodes.
// ---------------------------------------------------------------------------------------

class MockRoundTrip : public ::testing::Test {
 protected:

  void SetUp() override {
    server.start();
    http = std::make_unique<httplib::Client>(server.base_url());
    http->set_read_timeout(15, 0);
  }
  void TearDown() override { server.stop(); }

  // The envelope's data after asserting code 0.
  json data_of(const httplib::Result& result) {
    if (!result) {
      ADD_FAILURE() << "transport error: " << httplib::to_string(result.error());
      return nullptr;
    }
    EXPECT_EQ(result->status, 200) << result->body;
    const json envelope = json::parse(result->body, nullptr, false);
    EXPECT_EQ(envelope.value("code", -1), 0) << result->body;
    return envelope.contains("data") ? envelope["data"] : json();
  }
  json post(const std::string& path, const json& body) {
    return data_of(
        http->Post(("/open_api/v1.3/" + path).c_str(), headers, body.dump(), "application/json"));
  }
  json get(const std::string& path, const QueryParams& params) {
    std::string target = "/open_api/v1.3/" + path;
    char separator = '?';
    for (const auto& [name, value] : params) {
      target += separator + name + "=" + httplib::detail::encode_query_param(value);
      separator = '&';
    }
    return data_of(http->Get(target.c_str(), headers));
  }

  mock::MockServer server{testing::quiet_mock_options()};
  std::unique_ptr<httplib::Client> http;
  httplib::Headers headers{{"Access-Token", "model-test"}};
};

TEST_F(MockRoundTrip, VideoWorkflow) {
  UploadVideoRequest upload;
  upload.video_url = "https://cdn.example.com/stock/clip.mp4";
  const auto uploaded = decode<UploadedVideo>(post("file/video/ad/upload/", to_body(upload)));
  ASSERT_TRUE(uploaded.ok()) << uploaded.status().to_string();
  EXPECT_EQ(uploaded->video_id.rfind("v10033g50000", 0), 0u) << uploaded->video_id;

  CreateVideoTaskRequest create;
  create.aigc_video_type = AigcVideoType::voiceover();
  create.product_video_info.video_generation_count = 2;
  create.product_video_info.target_language = TargetLanguage::fr();
  create.product_video_info.product_info_list = {documented_product()};
  create.product_video_info.video_id_list = std::vector<std::string>{uploaded->video_id};
  const auto created =
      decode<CreatedVideoTasks>(post("creative/aigc/video/task/create/", to_body(create)));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  ASSERT_EQ(created->task_ids.size(), 2u);

  VideoTaskQuery query;
  query.task_ids = created->task_ids;
  query.aigc_video_type = AigcVideoType::voiceover();
  auto tasks = decode<VideoTaskList>(get("creative/aigc/video/task/list/", to_query(query)));
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();
  ASSERT_EQ(tasks->list.size(), 2u);
  EXPECT_EQ(tasks->list[0].status, TaskStatus::submitted());
  EXPECT_FALSE(tasks->list[0].video_id);

  server.advance_clock(std::chrono::minutes(2));
  tasks = decode<VideoTaskList>(get("creative/aigc/video/task/list/", to_query(query)));
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();
  ASSERT_EQ(tasks->list.size(), 2u);
  for (const auto& task : tasks->list) {
    EXPECT_EQ(task.status, TaskStatus::success());
    EXPECT_TRUE(task.status.is_terminal());
    EXPECT_EQ(task.aigc_video_type, AigcVideoType::voiceover());
    ASSERT_TRUE(task.video_id);
    ASSERT_TRUE(task.preview_url);
  }

  VideoListQuery list;
  list.page_size = 1;
  const auto page = decode<VideoPage>(get("creative/aigc/video/list/", to_query(list)));
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(page->list.size(), 1u);
  EXPECT_EQ(page->page_info.page, 1);
  EXPECT_EQ(page->page_info.page_size, 1);
  EXPECT_EQ(page->page_info.total_number, 2);
  EXPECT_EQ(page->page_info.total_page, 2);
  EXPECT_EQ(page->list[0].aigc_video_type, AigcVideoType::voiceover());
  EXPECT_EQ(page->list[0].video_name.rfind("VOICEOVER-", 0), 0u);
  EXPECT_EQ(page->list[0].create_time.size(), 19u);
}

TEST_F(MockRoundTrip, ScriptWorkflow) {
  CreateScriptTaskRequest create;
  create.script_source = ScriptSource::custom();
  create.custom_prompt = "A 15 second ad for a serum.";
  create.script_generation_count = 2;
  const auto created = decode<CreatedScriptTask>(
      post("creative/aigc/script_generation/task/create/", to_body(create)));
  ASSERT_TRUE(created.ok()) << created.status().to_string();

  server.advance_clock(std::chrono::minutes(1));
  ScriptTaskQuery query;
  query.task_id = created->task_id;
  const auto task = decode<ScriptTask>(get("creative/aigc/script/task/get/", to_query(query)));
  ASSERT_TRUE(task.ok()) << task.status().to_string();
  EXPECT_EQ(task->task_id, created->task_id);
  EXPECT_EQ(task->status, TaskStatus::success());
  ASSERT_EQ(task->list.size(), 2u);
  EXPECT_FALSE(task->list[0].script.empty());

  ScriptListQuery list;
  list.page = 1;
  list.page_size = 100;
  const auto page = decode<ScriptPage>(get("creative/aigc/script/list/", to_query(list)));
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  EXPECT_EQ(page->list.size(), 2u);
  EXPECT_EQ(page->page_info.total_number, 2);
}

TEST(MockUploadShape, ObjectFormDecodesToo) {  // quirk 3: --upload-response object
  mock::Options options;
  options.seed = 1;
  options.rate_limits = false;
  options.upload_response = mock::UploadResponseShape::object;
  mock::MockServer server(options);
  server.start();
  httplib::Client http(server.base_url());
  UploadVideoRequest upload;
  upload.video_url = "https://cdn.example.com/a.mov";
  const auto result = http.Post("/open_api/v1.3/file/video/ad/upload/", {{"Access-Token", "t"}},
                                to_body(upload).dump(), "application/json");
  ASSERT_TRUE(result);
  const json data = json::parse(result->body).at("data");
  ASSERT_TRUE(data.is_object());
  const auto video = decode<UploadedVideo>(data);
  ASSERT_TRUE(video.ok()) << video.status().to_string();
  EXPECT_EQ(video->video_id, data.at("video_id"));
  server.stop();
}

}  // namespace
}  // namespace tiktok_aigc
