// Requests as JSON: request_to_json() is a POST's body as sent or a GET's parameters as one
// object, request_from_json<Request>() reads every request type back from it, partial ones
// too, and refuses what the request cannot hold (a member of the wrong type, one it has no
// place for) with a message that names the member by its path; it never throws.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "client_test_support.hpp"
#include "tiktok_aigc/tiktok_aigc.hpp"

namespace tiktok_aigc {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------
// Every field of every request type set
// ---------------------------------------------------------------------------------------

CreateVideoTaskRequest full_product_video_task() {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::avatar_product();
  ProductVideoInfo& info = request.product_video_info;
  info.video_generation_count = 5;
  info.target_language = TargetLanguage::fr();
  info.product_info_list = {testing::documented_product()};
  info.image_url_list =
      std::vector<std::string>{"https://cdn.example.com/1.png", "https://cdn.example.com/2.png",
                               "https://cdn.example.com/3.png"};
  info.video_id_list = std::vector<std::string>{"7300000000000000001", "7300000000000000002"};
  info.avatar_id = "7100000000000000001";
  return request;
}

CreateVideoTaskRequest full_dubbing_task() {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::dubbing();
  DubbingVideoInfo video;
  video.video_url = "https://cdn.example.com/a.mp4";
  video.target_language = DubbingLanguage::ja();
  video.lipsync_enabled = true;
  video.video_name = "launch";
  video.subtitle_enabled = false;
  video.scripts = {{"Bonjour", 0, 20000}, {"Au revoir", 20000.5, 40000.25}};
  DubbingVideoInfo plain;
  plain.video_url = "https://cdn.example.com/b.mp4";
  plain.target_language = DubbingLanguage::fr();
  request.dubbing_video_info = {video, plain};
  return request;
}

UploadVideoRequest full_upload() {
  UploadVideoRequest request;
  request.video_url = "https://cdn.example.com/clip.mp4";
  return request;
}

VideoTaskQuery full_video_task_query() {
  VideoTaskQuery query;
  query.task_ids = {"7400000000000000001", "7400000000000000002"};
  query.aigc_video_type = AigcVideoType::stock_video();
  return query;
}

VideoListQuery full_video_list_query() {
  VideoListQuery query;
  query.aigc_video_types = {AigcVideoType::voiceover(), AigcVideoType::dubbing()};
  query.page = 2;
  query.page_size = 100;
  return query;
}

CreateImageAnimationTaskRequest full_image_animation_task() {
  CreateImageAnimationTaskRequest request;
  request.image_url = "https://cdn.example.com/still.png";
  request.change_background = true;
  request.background_prompt = "A beach at dawn";
  request.animation_prompt = "A slow turn";
  request.video_generation_count = 2;
  return request;
}

CreateScriptTaskRequest full_script_task() {
  CreateScriptTaskRequest request;
  request.script_source = ScriptSource::product();
  request.video_duration = VideoDuration::seconds_30();
  ScriptProductInfo product;
  product.name = "Glow Serum";
  product.description = "A light serum.";
  product.brand = "Lumi";
  product.price = 12.98;
  product.currency = "USD";
  product.selling_points = {"a", "b", "c"};
  request.product_info = product;
  request.media_list = MediaList{{"https://cdn.example.com/1.png"}, {"7300000000000000001"}};
  ScriptInfo info;
  info.tone = "Professional";
  info.style = "Product focused";
  info.point_of_view = "From consumer";
  info.relevant_industry = "Tech & electronics";
  info.script_language = ScriptLanguage::ml();
  request.script_info = info;
  request.script_generation_count = 5;
  return request;
}

CreateScriptTaskRequest full_custom_script_task() {
  CreateScriptTaskRequest request;
  request.script_source = ScriptSource::custom();
  request.custom_prompt = "A 15 second ad for a serum.";
  request.script_generation_count = 8;
  return request;
}

ScriptTaskQuery full_script_task_query() { return ScriptTaskQuery{"7500000000000000001"}; }
ScriptListQuery full_script_list_query() { return ScriptListQuery{3, 50}; }
AvatarListQuery full_avatar_list_query() { return AvatarListQuery{1, 100}; }

CreateAvatarVideoTasksRequest full_avatar_video_tasks() {
  CreateAvatarVideoTasksRequest request;
  request.material_packages = {
      {"7301881390801371138", "Hello \xE2\x82\xAC", std::string("Spring"), std::string("pkg-1")},
      {"7301881390801371139", "Hi", std::nullopt, std::nullopt}};
  return request;
}

AvatarVideoTaskQuery full_avatar_video_task_query() {
  return AvatarVideoTaskQuery{{"7400000000000000001", "7400000000000000002"}};
}

AvatarVideoListQuery full_avatar_video_list_query() {
  AvatarVideoListQuery query;
  query.avatar_id = "7301881390801371138";
  query.start_date = "2024-01-01";
  query.end_date = "2024-01-31";
  query.page = 2;
  query.page_size = 20;
  return query;
}

RenameAvatarVideoRequest full_rename() {
  return RenameAvatarVideoRequest{"7500000000000000001", "Spring launch"};
}

// Read back from its JSON form, the request writes the same JSON again.
template <typename Request>
void expect_round_trip(const Request& request) {
  const json written = request_to_json(request);
  const Result<Request> read = request_from_json<Request>(written);
  ASSERT_TRUE(read.ok()) << read.status().message << " reading " << written.dump();
  EXPECT_EQ(request_to_json(*read), written);
}

// A POST's JSON form is its body as sent, and it reads back.
template <typename Request>
void expect_body_round_trip(const Request& request) {
  EXPECT_EQ(request_to_json(request), to_body(request));
  expect_round_trip(request);
}

TEST(RequestJson, EveryPostRequestWithEveryFieldIsItsBodyAndReadsBack) {
  {
    SCOPED_TRACE("upload");
    expect_body_round_trip(full_upload());
  }
  {
    SCOPED_TRACE("video task create: AVATAR_PRODUCT");
    expect_body_round_trip(full_product_video_task());
  }
  {
    SCOPED_TRACE("video task create: DUBBING");
    expect_body_round_trip(full_dubbing_task());
  }
  {
    SCOPED_TRACE("image animation task create");
    expect_body_round_trip(full_image_animation_task());
  }
  {
    SCOPED_TRACE("script task create: PRODUCT");
    expect_body_round_trip(full_script_task());
  }
  {
    SCOPED_TRACE("script task create: CUSTOM");
    expect_body_round_trip(full_custom_script_task());
  }
  {
    SCOPED_TRACE("avatar video task create");
    expect_body_round_trip(full_avatar_video_tasks());
  }
  {
    SCOPED_TRACE("avatar video rename");
    expect_body_round_trip(full_rename());
  }
}

TEST(RequestJson, EveryGetRequestWithEveryParameterReadsBack) {
  {
    SCOPED_TRACE("video task list");
    expect_round_trip(full_video_task_query());
  }
  {
    SCOPED_TRACE("video list");
    expect_round_trip(full_video_list_query());
    expect_round_trip(VideoListQuery{});
  }
  {
    SCOPED_TRACE("script task get");
    expect_round_trip(full_script_task_query());
  }
  {
    SCOPED_TRACE("script list");
    expect_round_trip(full_script_list_query());
    expect_round_trip(ScriptListQuery{});
  }
  {
    SCOPED_TRACE("avatar list");
    expect_round_trip(full_avatar_list_query());
  }
  {
    SCOPED_TRACE("avatar video task get");
    expect_round_trip(full_avatar_video_task_query());
  }
  {
    SCOPED_TRACE("avatar video list");
    expect_round_trip(full_avatar_video_list_query());
    expect_round_trip(AvatarVideoListQuery{});
  }
}

// A GET's parameters as one object: lists and objects as JSON values, page and page_size as
// integers, the rest as strings.
TEST(RequestJson, AGetIsItsParametersAsJsonValues) {
  EXPECT_EQ(request_to_json(full_video_task_query()), json::parse(R"({
    "task_ids": ["7400000000000000001", "7400000000000000002"], "aigc_video_type": "STOCK_VIDEO"})"));
  const json list = request_to_json(full_video_list_query());
  EXPECT_EQ(list,
            json::parse(
                R"({"aigc_video_types": ["VOICEOVER", "DUBBING"], "page": 2, "page_size": 100})"));
  EXPECT_TRUE(list["page"].is_number_integer());
  EXPECT_TRUE(list["page_size"].is_number_integer());
  EXPECT_EQ(
      request_to_json(VideoListQuery{}),
      json::parse(
          R"({"aigc_video_types": ["STOCK_VIDEO", "AVATAR_PRODUCT", "VOICEOVER", "IMAGE_ANIMATION",
                                                  "DUBBING"]})"));
  EXPECT_EQ(request_to_json(full_script_task_query()),
            json::parse(R"({"task_id": "7500000000000000001"})"));
  EXPECT_EQ(request_to_json(ScriptListQuery{}), json::object());
  EXPECT_EQ(request_to_json(full_script_list_query()),
            json::parse(R"({"page": 3, "page_size": 50})"));
  EXPECT_EQ(request_to_json(full_avatar_list_query()),
            json::parse(R"({"page": 1, "page_size": 100})"));
  EXPECT_EQ(request_to_json(full_avatar_video_task_query()),
            json::parse(R"({"task_ids": ["7400000000000000001", "7400000000000000002"]})"));
  const json avatar_videos = request_to_json(full_avatar_video_list_query());
  EXPECT_EQ(avatar_videos, json::parse(R"({
    "filtering": {"avatar_id": "7301881390801371138", "start_date": "2024-01-01", "end_date": "2024-01-31"},
    "page": 2, "page_size": 20})"));
  EXPECT_TRUE(avatar_videos["page"].is_number_integer());
  AvatarVideoListQuery one_filter;
  one_filter.avatar_id = "7301881390801371138";
  one_filter.page = 2;
  EXPECT_EQ(request_to_json(one_filter),
            json::parse(R"({"filtering": {"avatar_id": "7301881390801371138"}, "page": 2})"));
  // Negative numbers stay numbers (check() refuses them), strings stay strings.
  EXPECT_EQ(request_to_json(AvatarListQuery{-1, 0}),
            json::parse(R"({"page": -1, "page_size": 0})"));
  EXPECT_EQ(request_to_json(VideoTaskQuery{{"a\"b"}, AigcVideoType("2")}),
            json::parse(R"({"task_ids": ["a\"b"], "aigc_video_type": "2"})"));
}

// ---------------------------------------------------------------------------------------
// The documents' examples read back, and pass the checks
// ---------------------------------------------------------------------------------------

template <typename Request>
Request read_valid(const std::string& text) {
  const json body = json::parse(text);
  const Result<Request> read = request_from_json<Request>(body);
  EXPECT_TRUE(read.ok()) << read.status().message;
  if (!read.ok()) return Request{};
  EXPECT_EQ(request_to_json(*read), body);
  const std::optional<Status> problem = check(*read);
  EXPECT_FALSE(problem) << problem->message;
  return *read;
}

TEST(RequestJson, TheDocumentedExamplesReadBack) {
  const UploadVideoRequest upload = read_valid<UploadVideoRequest>(R"({
    "upload_type": "UPLOAD_BY_URL", "use_scenario": "AIGC", "video_url": "https://cdn.example.com/clip.mp4"})");
  EXPECT_EQ(upload.video_url, "https://cdn.example.com/clip.mp4");

  const std::string product = R"({
    "source_language": "en", "product_name": "Glow Serum", "title": "Glow all day",
    "description": "A light serum.", "selling_points": ["New Customer Discount", "50% Off Summer Special"],
    "brand": "Lumi", "price": 12.98, "currency": "USD"})";
  const CreateVideoTaskRequest stock = read_valid<CreateVideoTaskRequest>(R"({
    "aigc_video_type": "STOCK_VIDEO",
    "product_video_info": {
      "video_generation_count": 5, "product_info_list": [)" + product + R"(],
      "input_video_list": {"video_id_list": ["7300000000000000001", "7300000000000000002"]}}})");
  EXPECT_EQ(stock.aigc_video_type, AigcVideoType::stock_video());
  EXPECT_EQ(stock.product_video_info.video_generation_count, 5);
  ASSERT_EQ(stock.product_video_info.product_info_list.size(), 1u);
  EXPECT_EQ(stock.product_video_info.product_info_list[0].price, 12.98);
  EXPECT_EQ(stock.product_video_info.product_info_list[0].selling_points[1],
            "50% Off Summer Special");
  EXPECT_EQ(stock.product_video_info.video_id_list,
            (std::vector<std::string>{"7300000000000000001", "7300000000000000002"}));

  const CreateVideoTaskRequest avatar = read_valid<CreateVideoTaskRequest>(R"({
    "aigc_video_type": "AVATAR_PRODUCT",
    "product_video_info": {
      "video_generation_count": 5, "target_language": "en", "product_info_list": [)" +
                                                                           product + R"(],
      "input_image_list": {"image_url_list": ["https://cdn.example.com/1.png", "https://cdn.example.com/2.png",
                                              "https://cdn.example.com/3.png"]},
      "avatar_info": {"avatar_id": "7100000000000000001"}}})");
  EXPECT_EQ(avatar.product_video_info.target_language, TargetLanguage::en());
  EXPECT_EQ(avatar.product_video_info.avatar_id, "7100000000000000001");
  EXPECT_EQ(avatar.product_video_info.image_url_list->size(), 3u);

  const CreateVideoTaskRequest dubbing = read_valid<CreateVideoTaskRequest>(R"({
    "aigc_video_type": "DUBBING",
    "dubbing_video_info": [
      {"video_url": "https://cdn.example.com/a.mp4", "target_languages": ["fr"], "video_name": "launch",
       "subtitle_enabled": true, "lipsync_enabled": true,
       "scripts": [{"text": "Bonjour", "text_start_time": 0, "text_end_time": 20000},
                   {"text": "Au revoir", "text_start_time": 20000.5, "text_end_time": 40000}]},
      {"video_url": "https://cdn.example.com/b.mp4", "target_languages": ["en"]}]})");
  ASSERT_EQ(dubbing.dubbing_video_info.size(), 2u);
  EXPECT_EQ(dubbing.dubbing_video_info[0].target_language, DubbingLanguage::fr());
  EXPECT_EQ(dubbing.dubbing_video_info[0].lipsync_enabled, true);
  EXPECT_EQ(dubbing.dubbing_video_info[0].scripts[1].text_start_time, 20000.5);
  EXPECT_EQ(dubbing.dubbing_video_info[1].target_language, DubbingLanguage::en());

  const CreateImageAnimationTaskRequest animation = read_valid<CreateImageAnimationTaskRequest>(R"({
    "image_url": "https://cdn.example.com/still.png", "change_background": true,
    "background_prompt": "A beach at dawn", "video_generation_count": 2})");
  EXPECT_EQ(animation.change_background, true);
  EXPECT_EQ(animation.video_generation_count, 2);

  const CreateScriptTaskRequest script = read_valid<CreateScriptTaskRequest>(R"({
    "script_source": "PRODUCT", "video_duration": "30S",
    "product_info": {"name": "Glow Serum", "brand": "Lumi", "price": 12.98, "currency": "USD",
                     "description": "A light serum.", "selling_points": ["a", "b", "c"]},
    "media_list": {"image_url_list": ["https://cdn.example.com/1.png", "https://cdn.example.com/2.png"],
                   "video_id_list": ["7300000000000000001", "7300000000000000002"]},
    "script_info": {"tone": "Professional", "style": "Product focused", "point_of_view": "From consumer",
                    "script_language": "en", "relevant_industry": "Tech & electronics"},
    "script_generation_count": 5})");
  EXPECT_EQ(script.video_duration, VideoDuration::seconds_30());
  EXPECT_EQ(script.media_list->video_id_list.size(), 2u);
  EXPECT_EQ(script.script_info->relevant_industry, "Tech & electronics");

  const CreateAvatarVideoTasksRequest packages =
      read_valid<CreateAvatarVideoTasksRequest>(R"({"material_packages": [
    {"avatar_id": "7301881390801371138", "script": "Hello", "video_name": "Spring", "package_id": "pkg-1"},
    {"avatar_id": "7301881390801371139", "script": "Hi"}]})");
  ASSERT_EQ(packages.material_packages.size(), 2u);
  EXPECT_EQ(packages.material_packages[0].package_id, "pkg-1");
  EXPECT_FALSE(packages.material_packages[1].video_name);

  EXPECT_EQ(read_valid<RenameAvatarVideoRequest>(
                R"({"avatar_video_id": "7500000000000000001", "file_name": "Spring"})")
                .file_name,
            "Spring");
  EXPECT_EQ(read_valid<VideoTaskQuery>(
                R"({"task_ids": ["7400000000000000001"], "aigc_video_type": "STOCK_VIDEO"})")
                .task_ids,
            std::vector<std::string>{"7400000000000000001"});
  const AvatarVideoListQuery filtered = read_valid<AvatarVideoListQuery>(
      R"({"filtering": {"avatar_id": "7301881390801371138"}, "page": 2})");
  EXPECT_EQ(filtered.avatar_id, "7301881390801371138");
  EXPECT_EQ(filtered.page, 2);
  EXPECT_FALSE(filtered.start_date);
}

// Members the encoder adds (the upload's defaults, the video list's types) need not be given.
TEST(RequestJson, DefaultsNeedNotBeGiven) {
  const Result<UploadVideoRequest> upload = request_from_json<UploadVideoRequest>(
      json::parse(R"({"video_url": "https://cdn.example.com/clip.mp4"})"));
  ASSERT_TRUE(upload.ok()) << upload.status().message;
  EXPECT_EQ(upload->upload_type, UploadType::upload_by_url());
  EXPECT_EQ(upload->use_scenario, UseScenario::aigc());

  const Result<VideoListQuery> list =
      request_from_json<VideoListQuery>(json::parse(R"({"page": 3})"));
  ASSERT_TRUE(list.ok()) << list.status().message;
  EXPECT_EQ(list->aigc_video_types.size(), 5u);
  EXPECT_EQ(list->page, 3);
  // Given, the types replace the default ones.
  const Result<VideoListQuery> narrowed =
      request_from_json<VideoListQuery>(json::parse(R"({"aigc_video_types": ["VOICEOVER"]})"));
  ASSERT_TRUE(narrowed.ok()) << narrowed.status().message;
  EXPECT_EQ(narrowed->aigc_video_types, std::vector<AigcVideoType>{AigcVideoType::voiceover()});
}

// Numbers are compared by value: 5.0 is 5, a price of 12 is 12.0, times as either.
TEST(RequestJson, NumbersReadByValue) {
  const Result<CreateImageAnimationTaskRequest> animation =
      request_from_json<CreateImageAnimationTaskRequest>(json::parse(
          R"({"image_url": "https://cdn.example.com/a.png", "video_generation_count": 5.0})"));
  ASSERT_TRUE(animation.ok()) << animation.status().message;
  EXPECT_EQ(animation->video_generation_count, 5);

  const Result<CreateScriptTaskRequest> script = request_from_json<
      CreateScriptTaskRequest>(json::parse(
      R"({"script_source": "PRODUCT", "product_info": {"name": "n", "description": "d", "price": 12}})"));
  ASSERT_TRUE(script.ok()) << script.status().message;
  EXPECT_EQ(script->product_info->price, 12.0);

  const Result<CreateVideoTaskRequest> dubbing =
      request_from_json<CreateVideoTaskRequest>(json::parse(R"({
    "aigc_video_type": "DUBBING", "dubbing_video_info": [{"video_url": "https://cdn.example.com/a.mp4",
      "target_languages": ["fr"], "scripts": [{"text": "t", "text_start_time": 1.0, "text_end_time": 2.5}]}]})"));
  ASSERT_TRUE(dubbing.ok()) << dubbing.status().message;
  EXPECT_EQ(dubbing->dubbing_video_info[0].scripts[0].text_start_time, 1.0);
  EXPECT_EQ(dubbing->dubbing_video_info[0].scripts[0].text_end_time, 2.5);

  const Result<ScriptListQuery> page =
      request_from_json<ScriptListQuery>(json::parse(R"({"page": 2.0, "page_size": 10})"));
  ASSERT_TRUE(page.ok()) << page.status().message;
  EXPECT_EQ(page->page, 2);
}

// Enums take any string; check() refuses an unknown one when the request is sent.
TEST(RequestJson, EnumsTakeAnyString) {
  const Result<VideoTaskQuery> query = request_from_json<VideoTaskQuery>(
      json::parse(R"({"task_ids": ["1"], "aigc_video_type": "HOLOGRAM"})"));
  ASSERT_TRUE(query.ok()) << query.status().message;
  EXPECT_EQ(query->aigc_video_type.wire(), "HOLOGRAM");
  EXPECT_FALSE(query->aigc_video_type.is_known());
  const std::optional<Status> problem = check(*query);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->message.find(R"(aigc_video_type: must be one of )"), std::string::npos)
      << problem->message;
  EXPECT_NE(problem->message.find(R"(got "HOLOGRAM")"), std::string::npos) << problem->message;

  const Result<CreateScriptTaskRequest> script = request_from_json<
      CreateScriptTaskRequest>(json::parse(
      R"({"script_source": "CUSTOM", "custom_prompt": "p", "script_info": {"script_language": "ms"}})"));
  ASSERT_TRUE(script.ok()) << script.status().message;
  EXPECT_EQ(script->script_info->script_language->wire(), "ms");
}

// ---------------------------------------------------------------------------------------
// Partial requests read; the checks name what is missing
// ---------------------------------------------------------------------------------------

TEST(RequestJson, APartialRequestReadsAndTheCheckNamesWhatIsMissing) {
  const Result<CreateVideoTaskRequest> voiceover =
      request_from_json<CreateVideoTaskRequest>(json::parse(R"({
    "aigc_video_type": "VOICEOVER",
    "product_video_info": {
      "product_info_list": [{"source_language": "en", "product_name": "n", "description": "d",
                             "selling_points": ["p"]}],
      "input_video_list": {"video_id_list": ["7300000000000000001"]}}})"));
  ASSERT_TRUE(voiceover.ok()) << voiceover.status().message;
  // A string or list field the type always holds is sent empty, and named so; an optional
  // part left out is named missing.
  std::optional<Status> problem = check(*voiceover);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "product_video_info.product_info_list[0].title: must not be empty");
  // Completed later, it passes.
  CreateVideoTaskRequest completed = *voiceover;
  completed.product_video_info.product_info_list[0].title = "t";
  EXPECT_FALSE(check(completed));

  json stock = json::parse(R"({"aigc_video_type": "STOCK_VIDEO", "product_video_info": {}})");
  stock["product_video_info"]["product_info_list"] = {
      to_body(full_product_video_task())["product_video_info"]["product_info_list"][0]};
  const Result<CreateVideoTaskRequest> without_videos =
      request_from_json<CreateVideoTaskRequest>(stock);
  ASSERT_TRUE(without_videos.ok()) << without_videos.status().message;
  problem = check(*without_videos);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message,
            "Missing required field(s): product_video_info.input_video_list (required when "
            "aigc_video_type is "
            "STOCK_VIDEO or VOICEOVER)");

  const Result<CreateVideoTaskRequest> dubbing =
      request_from_json<CreateVideoTaskRequest>(json::parse(R"({"aigc_video_type": "DUBBING"})"));
  ASSERT_TRUE(dubbing.ok()) << dubbing.status().message;
  problem = check(*dubbing);
  ASSERT_TRUE(problem);
  EXPECT_EQ(
      problem->message,
      "Missing required field(s): dubbing_video_info (required when aigc_video_type is DUBBING)");

  const Result<VideoTaskQuery> query = request_from_json<VideoTaskQuery>(json::object());
  ASSERT_TRUE(query.ok()) << query.status().message;
  problem = check(*query);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "task_ids: must not be empty");

  const Result<RenameAvatarVideoRequest> rename =
      request_from_json<RenameAvatarVideoRequest>(json::parse(R"({"file_name": "Spring"})"));
  ASSERT_TRUE(rename.ok()) << rename.status().message;
  problem = check(*rename);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "avatar_video_id: must not be empty");

  // An empty wrapper object is kept as it was given: the check then names what it lacks.
  const Result<CreateVideoTaskRequest> images = request_from_json<
      CreateVideoTaskRequest>(json::parse(
      R"({"aigc_video_type": "AVATAR_PRODUCT", "product_video_info": {"input_image_list": {}}})"));
  ASSERT_TRUE(images.ok()) << images.status().message;
  EXPECT_TRUE(images->product_video_info.image_url_list);
}

// ---------------------------------------------------------------------------------------
// What a request cannot hold: an invalid_argument naming the member by its path
// ---------------------------------------------------------------------------------------

template <typename Request>
std::string error_of(const json& body) {
  const Result<Request> read = request_from_json<Request>(body);
  if (read.ok()) return "(read without an error)";
  EXPECT_EQ(read.status().category, ErrorCategory::invalid_argument);
  EXPECT_EQ(read.status().api_code, 0);
  return read.status().message;
}

template <typename Request>
std::string error_of(const char* text) {
  return error_of<Request>(json::parse(text));
}

json product_task_body() { return request_to_json(full_product_video_task()); }
json dubbing_task_body() { return request_to_json(full_dubbing_task()); }

TEST(RequestJsonErrors, NotAnObject) {
  EXPECT_EQ(error_of<UploadVideoRequest>(json::array()),
            "the request must be a JSON object, got an array");
  EXPECT_EQ(error_of<VideoTaskQuery>(json()), "the request must be a JSON object, got null");
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(json("{}")),
            "the request must be a JSON object, got a string");
  EXPECT_EQ(error_of<ScriptListQuery>(json(2)), "the request must be a JSON object, got a number");
  EXPECT_EQ(error_of<RenameAvatarVideoRequest>(json(true)),
            "the request must be a JSON object, got a boolean");
}

TEST(RequestJsonErrors, AMemberOfTheWrongTypeByItsPath) {
  json body = product_task_body();
  body["product_video_info"]["product_info_list"][0]["price"] = "9.99";
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            R"(product_video_info.product_info_list[0].price: must be a number, got "9.99")");

  body = product_task_body();
  body["product_video_info"]["input_image_list"] = json::array({"https://cdn.example.com/1.png"});
  EXPECT_EQ(
      error_of<CreateVideoTaskRequest>(body),
      R"(product_video_info.input_image_list: must be an object, got ["https://cdn.example.com/1.png"])");

  body = dubbing_task_body();
  body["dubbing_video_info"][0]["lipsync_enabled"] = "true";
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            R"(dubbing_video_info[0].lipsync_enabled: must be true or false, got "true")");

  body = dubbing_task_body();
  body["dubbing_video_info"][0]["scripts"][1]["text_end_time"] = "40000";
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            R"(dubbing_video_info[0].scripts[1].text_end_time: must be a number, got "40000")");

  EXPECT_EQ(error_of<CreateVideoTaskRequest>(R"({"aigc_video_type": 1})"),
            "aigc_video_type: must be a string, got 1");
  EXPECT_EQ(error_of<ScriptListQuery>(R"({"page": "2"})"), R"(page: must be an integer, got "2")");
  EXPECT_EQ(error_of<ScriptListQuery>(R"({"page_size": 2.5})"),
            "page_size: must be an integer, got 2.5");
  EXPECT_EQ(error_of<AvatarVideoListQuery>(R"({"filtering": "{\"avatar_id\":\"7\"}"})"),
            R"(filtering: must be an object, got "{\"avatar_id\":\"7\"}")");
  EXPECT_EQ(error_of<AvatarVideoListQuery>(R"({"filtering": {"start_date": 20240101}})"),
            "filtering.start_date: must be a string, got 20240101");
  EXPECT_EQ(error_of<CreateScriptTaskRequest>(
                R"({"script_source": "PRODUCT", "media_list": {"video_id_list": "7"}})"),
            R"(media_list.video_id_list: must be an array, got "7")");
  // null is no value of any field: leave the member out instead.
  EXPECT_EQ(error_of<CreateScriptTaskRequest>(
                R"({"script_source": "PRODUCT", "product_info": {"brand": null}})"),
            "product_info.brand: must be a string, got null");
}

TEST(RequestJsonErrors, AnArrayItemOfTheWrongType) {
  EXPECT_EQ(
      error_of<VideoTaskQuery>(R"({"task_ids": ["7400000000000000001", 7400000000000000002]})"),
      "task_ids[1]: must be a string, got 7400000000000000002");
  EXPECT_EQ(error_of<VideoListQuery>(R"({"aigc_video_types": [null]})"),
            "aigc_video_types[0]: must be a string, got null");
  EXPECT_EQ(error_of<CreateAvatarVideoTasksRequest>(
                R"({"material_packages": [{"avatar_id": "7", "script": "Hi"}, "pkg"]})"),
            R"(material_packages[1]: must be an object, got "pkg")");
  json body = product_task_body();
  body["product_video_info"]["product_info_list"][0]["selling_points"][1] = json::object();
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            "product_video_info.product_info_list[0].selling_points[1]: must be a string, got {}");
}

TEST(RequestJsonErrors, AnUnknownMemberAtTheTopAndNested) {
  EXPECT_EQ(error_of<UploadVideoRequest>(
                R"({"video_url": "https://cdn.example.com/clip.mp4", "use_scenarios": "AIGC"})"),
            "use_scenarios: not a field of this request");
  EXPECT_EQ(error_of<ScriptTaskQuery>(R"({"task_ids": ["7"]})"),
            "task_ids: not a field of this request");

  json body = product_task_body();
  body["product_video_info"]["video_generation_cnt"] = 2;
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            "product_video_info.video_generation_cnt: not a field of this request");

  body = product_task_body();
  body["product_video_info"]["input_video_list"]["video_ids"] = json::array({"7"});
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            "product_video_info.input_video_list.video_ids: not a field of this request");

  body = dubbing_task_body();
  body["dubbing_video_info"][0]["scripts"][1]["txt"] = "Au revoir";
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            "dubbing_video_info[0].scripts[1].txt: not a field of this request");

  EXPECT_EQ(error_of<AvatarVideoListQuery>(R"({"filtering": {"avatar_id": "7", "page": 2}})"),
            "filtering.page: not a field of this request");
  EXPECT_EQ(error_of<CreateAvatarVideoTasksRequest>(
                R"({"material_packages": [{"avatar_id": "7", "script": "Hi", "voice": "calm"}]})"),
            "material_packages[0].voice: not a field of this request");
}

// Each type reads its own body: product_video_info is not read for DUBBING, nor
// dubbing_video_info for the product types, so the request does not keep them.
TEST(RequestJsonErrors, ABodyTheTypeDoesNotRead) {
  json body = product_task_body();
  body["aigc_video_type"] = "DUBBING";
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            "product_video_info: read only when aigc_video_type is STOCK_VIDEO or AVATAR_PRODUCT "
            "or VOICEOVER");

  body = dubbing_task_body();
  body["aigc_video_type"] = "VOICEOVER";
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            "dubbing_video_info: read only when aigc_video_type is DUBBING");

  // Without a type, neither is read.
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(R"({"product_video_info": {}})"),
            "product_video_info: read only when aigc_video_type is STOCK_VIDEO or AVATAR_PRODUCT "
            "or VOICEOVER");
}

TEST(RequestJsonErrors, ADubbedVideoHasExactlyOneTargetLanguage) {
  json body = dubbing_task_body();
  body["dubbing_video_info"][1]["target_languages"] = json::array({"fr", "de"});
  EXPECT_EQ(
      error_of<CreateVideoTaskRequest>(body),
      R"(dubbing_video_info[1].target_languages: must be an array of exactly one language, got ["fr","de"])");
  body["dubbing_video_info"][1]["target_languages"] = json::array();
  EXPECT_EQ(
      error_of<CreateVideoTaskRequest>(body),
      "dubbing_video_info[1].target_languages: must be an array of exactly one language, got []");
  body["dubbing_video_info"][1]["target_languages"] = "fr";
  EXPECT_EQ(
      error_of<CreateVideoTaskRequest>(body),
      R"(dubbing_video_info[1].target_languages: must be an array of exactly one language, got "fr")");
  body["dubbing_video_info"][1]["target_languages"] = json::array({5});
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            "dubbing_video_info[1].target_languages[0]: must be a string, got 5");
}

TEST(RequestJsonErrors, AnIntegerOutOfIntRange) {
  const std::string range = "must fit an int (-2147483648 to 2147483647), got ";
  json body = product_task_body();
  body["product_video_info"]["video_generation_count"] = 2147483648LL;
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            "product_video_info.video_generation_count: " + range + "2147483648");
  EXPECT_EQ(error_of<ScriptListQuery>(R"({"page": -2147483649})"),
            "page: " + range + "-2147483649");
  EXPECT_EQ(error_of<AvatarListQuery>(R"({"page_size": 18446744073709551615})"),
            "page_size: " + range + "18446744073709551615");
  EXPECT_EQ(error_of<CreateScriptTaskRequest>(
                R"({"script_source": "CUSTOM", "script_generation_count": 1e20})"),
            "script_generation_count: " + range + "1e+20");
  // The limits themselves fit.
  const Result<ScriptListQuery> limits = request_from_json<ScriptListQuery>(
      json::parse(R"({"page": -2147483648, "page_size": 2147483647})"));
  ASSERT_TRUE(limits.ok()) << limits.status().message;
  EXPECT_EQ(limits->page, std::numeric_limits<int>::min());
  EXPECT_EQ(limits->page_size, std::numeric_limits<int>::max());
}

// An empty list or object the request would not send is not kept: it must be left out.
TEST(RequestJsonErrors, AnEmptyListOrObjectThatIsNotSent) {
  json body = dubbing_task_body();
  body["dubbing_video_info"][0]["scripts"] = json::array();
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(body),
            "dubbing_video_info[0].scripts: not sent when empty: leave it out");
  EXPECT_EQ(error_of<CreateVideoTaskRequest>(
                R"({"aigc_video_type": "DUBBING", "dubbing_video_info": []})"),
            "dubbing_video_info: not sent when empty: leave it out");
  EXPECT_EQ(error_of<AvatarVideoListQuery>(R"({"filtering": {}, "page": 1})"),
            "filtering: not sent when empty: leave it out");
  EXPECT_EQ(
      error_of<CreateScriptTaskRequest>(
          R"({"script_source": "PRODUCT", "product_info": {"name": "n", "description": "d", "selling_points": []}})"),
      "product_info.selling_points: not sent when empty: leave it out");
}

// The reader's first problem, in the order of the request's fields.
TEST(RequestJsonErrors, TheFirstProblemIsNamed) {
  EXPECT_EQ(error_of<UploadVideoRequest>(R"({"video_url": 1, "upload_type": 2})"),
            "video_url: must be a string, got 1");
  // A type error comes before a member that is not kept.
  EXPECT_EQ(error_of<UploadVideoRequest>(R"({"a_member": 1, "upload_type": 2})"),
            "upload_type: must be a string, got 2");
}

// A string that is not valid UTF-8 cannot travel in a GET's list: it is named.
TEST(RequestJsonErrors, NotValidUtf8InAList) {
  json body = json::object();
  body["task_ids"] = json::array({"7\xff"});
  EXPECT_EQ(error_of<AvatarVideoTaskQuery>(body), "task_ids: must be valid UTF-8");
  // In a body it is kept as it is, for the check to refuse.
  json upload = json::object();
  upload["video_url"] = "https://cdn.example.com/\xff.mp4";
  const Result<UploadVideoRequest> read = request_from_json<UploadVideoRequest>(upload);
  ASSERT_TRUE(read.ok()) << read.status().message;
  EXPECT_EQ(read->video_url, "https://cdn.example.com/\xff.mp4");
  ASSERT_TRUE(check(*read));
  EXPECT_EQ(check(*read)->message, "body: must be valid UTF-8");
}

// ---------------------------------------------------------------------------------------
// Never throws, never crashes
// ---------------------------------------------------------------------------------------

json nested_arrays(std::size_t depth) {
  json value = json::array();
  for (std::size_t i = 0; i < depth; ++i) {
    json outer = json::array();
    outer.push_back(std::move(value));
    value = std::move(outer);
  }
  return value;
}

TEST(RequestJsonHostile, DeepNestingIsNamedWithoutRecursingThroughIt) {
  constexpr std::size_t kDepth = 200000;
  json body = json::object();
  body["page"] = nested_arrays(kDepth);
  const std::string page = error_of<ScriptListQuery>(body);
  EXPECT_EQ(page.rfind("page: must be an integer, got [[[[", 0), 0u) << page.substr(0, 80);
  EXPECT_EQ(page.substr(page.size() - 3), "...");
  EXPECT_LT(page.size(), 120u);

  body = json::object();
  body["unknown"] = nested_arrays(kDepth);
  EXPECT_EQ(error_of<ScriptListQuery>(body), "unknown: not a field of this request");

  EXPECT_EQ(error_of<CreateVideoTaskRequest>(nested_arrays(kDepth)),
            "the request must be a JSON object, got an array");
}

TEST(RequestJsonHostile, HugeAndOddNumbersAndStrings) {
  EXPECT_EQ(
      error_of<CreateScriptTaskRequest>(
          R"({"script_source": "PRODUCT", "product_info": {"price": 1e308, "name": "n", "description": "d"}})"),
      "(read without an error)");
  EXPECT_EQ(error_of<ScriptListQuery>(R"({"page": -9223372036854775808})"),
            "page: must fit an int (-2147483648 to 2147483647), got -9223372036854775808");
  EXPECT_EQ(
      error_of<CreateVideoTaskRequest>(R"({"aigc_video_type": "DUBBING", "dubbing_video_info": [{
      "scripts": [{"text": "", "text_start_time": 18446744073709551615, "text_end_time": -1e300}]}]})"),
      "(read without an error)");
  // Any string, NUL bytes and escapes included, is kept as it is, in a body and in a GET.
  json body = json::object();
  body["task_id"] = std::string("a\0\"\\]b", 6);
  const Result<ScriptTaskQuery> query = request_from_json<ScriptTaskQuery>(body);
  ASSERT_TRUE(query.ok()) << query.status().message;
  EXPECT_EQ(query->task_id, std::string("a\0\"\\]b", 6));
  body = json::object();
  body["task_ids"] = json::array({std::string("a\0\",]b", 6)});
  const Result<AvatarVideoTaskQuery> ids = request_from_json<AvatarVideoTaskQuery>(body);
  ASSERT_TRUE(ids.ok()) << ids.status().message;
  EXPECT_EQ(ids->task_ids, std::vector<std::string>{std::string("a\0\",]b", 6)});
}

// Random JSON, shaped like requests or not, for every request type: a request or an
// invalid_argument with a message, and never an exception.
// Member names of the requests, and one of none.
const std::vector<std::string>& member_names() {
  static const std::vector<std::string> names = {"aigc_video_type",
                                                 "product_video_info",
                                                 "dubbing_video_info",
                                                 "product_info_list",
                                                 "price",
                                                 "page",
                                                 "page_size",
                                                 "task_ids",
                                                 "filtering",
                                                 "avatar_id",
                                                 "target_languages",
                                                 "scripts",
                                                 "text_start_time",
                                                 "material_packages",
                                                 "script",
                                                 "video_url",
                                                 "script_source",
                                                 "product_info",
                                                 "media_list",
                                                 "x"};
  return names;
}

json random_value(std::mt19937& random, int depth) {
  const std::vector<std::string>& names = member_names();
  const int kind = static_cast<int>(random() % (depth > 4 ? 6 : 8));
  switch (kind) {
    case 0:
      return nullptr;
    case 1:
      return random() % 2 == 0;
    case 2:
      return static_cast<std::int64_t>(random()) -
             (1LL << 31) * static_cast<std::int64_t>(random() % 4);
    case 3:
      return static_cast<double>(random()) / 7.0;
    case 4:
      return std::string(random() % 3, 'a');
    case 5:
      return names[random() % names.size()];
    case 6: {
      json array = json::array();
      for (unsigned i = random() % 4; i > 0; --i) array.push_back(random_value(random, depth + 1));
      return array;
    }
    default: {
      json object = json::object();
      for (unsigned i = random() % 5; i > 0; --i)
        object[names[random() % names.size()]] = random_value(random, depth + 1);
      return object;
    }
  }
}

template <typename Request>
void expect_an_answer(const json& body, int& read) {
  const Result<Request> result = request_from_json<Request>(body);
  if (result.ok()) {
    ++read;
    // What reads, writes the same members back.
    EXPECT_TRUE(request_from_json<Request>(request_to_json(*result)).ok()) << body.dump();
    return;
  }
  EXPECT_EQ(result.status().category, ErrorCategory::invalid_argument) << body.dump();
  EXPECT_FALSE(result.status().message.empty()) << body.dump();
}

TEST(RequestJsonHostile, RandomJsonNeverThrows) {
  std::mt19937 random(20240601);
  int read = 0;
  for (int round = 0; round < 3000; ++round) {
    json body = random_value(random, 0);
    if (round % 2 == 0) {  // half of them objects of known names
      body = json::object();
      for (unsigned i = random() % 4; i > 0; --i) {
        body[member_names()[random() % member_names().size()]] = random_value(random, 1);
      }
    }
    ASSERT_NO_THROW({
      expect_an_answer<UploadVideoRequest>(body, read);
      expect_an_answer<CreateVideoTaskRequest>(body, read);
      expect_an_answer<VideoTaskQuery>(body, read);
      expect_an_answer<VideoListQuery>(body, read);
      expect_an_answer<CreateImageAnimationTaskRequest>(body, read);
      expect_an_answer<CreateScriptTaskRequest>(body, read);
      expect_an_answer<ScriptTaskQuery>(body, read);
      expect_an_answer<ScriptListQuery>(body, read);
      expect_an_answer<AvatarListQuery>(body, read);
      expect_an_answer<CreateAvatarVideoTasksRequest>(body, read);
      expect_an_answer<AvatarVideoTaskQuery>(body, read);
      expect_an_answer<AvatarVideoListQuery>(body, read);
      expect_an_answer<RenameAvatarVideoRequest>(body, read);
    });
  }
  EXPECT_GT(read, 100);  // the objects that are requests (empty ones at least) read
}

}  // namespace
}  // namespace tiktok_aigc
