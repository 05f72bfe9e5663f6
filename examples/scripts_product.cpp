// scripts_product: video scripts written from product information (script_source PRODUCT).
//
//   scripts_product    no arguments; the mock starts in-process unless TIKTOK_ACCESS_TOKEN
//                      is set (see example_support.hpp)
//
// Create a PRODUCT script task for three 30-second scripts in Spanish -> wait, showing the
// scripts as they arrive -> print them.

#include <iostream>
#include <string>
#include <vector>

#include "example_support.hpp"

using namespace tiktok_aigc;
using example::or_exit;

int main() {
  return example::run([] {
    example::Backend backend = example::connect();
    Client client(backend.options);

    ScriptProductInfo product;  // the scripts API allows longer texts than the videos API
    product.name = "Trail Runner 2";
    product.brand = "Northpeak";
    product.price = 89.99;
    product.currency = "USD";
    product.description = "Light trail running shoes with a grippy sole and a breathable upper.";
    product.selling_points = {"Grippy on wet rock", "Only 240 g a shoe", "Free returns"};

    // tone, style, point_of_view and relevant_industry take any text; the documented
    // suggestions are listed by recommended_tones(), recommended_styles() and so on.
    ScriptInfo info;
    info.tone = recommended_tones()[2];  // "Confident"
    info.style = "Problem solving";
    info.point_of_view = "From consumer";
    info.relevant_industry = "Sports & outdoor";
    info.script_language = ScriptLanguage::es();

    CreateScriptTaskRequest request;
    request.script_source = ScriptSource::product();
    request.product_info = product;
    // Required whenever product_info is sent: images and/or uploaded video ids, 20 at most.
    request.media_list = MediaList{example::image_urls(), {}};
    request.script_info = info;
    request.video_duration = VideoDuration::seconds_30();
    request.script_generation_count = 3;  // 1-8, default 4

    // Script creation has a budget of two a minute: a second run within the minute waits
    // in the client's rate limiter instead of being refused.
    const CreatedScriptTask created =
        or_exit(client.create_script_task(request), "script task create");
    std::cout << "script task " << created.task_id << "\n";

    // A task is PARTIAL_SUCCESS while some scripts have arrived: the callback sees them early.
    example::ProgressLine line;
    const ScriptTask task =
        or_exit(client.wait_for_script_task(
                    created.task_id, backend.wait,
                    [&](const ScriptTask& now) {
                      line.show("scripts: " + std::to_string(now.list.size()) + "/" +
                                std::to_string(*request.script_generation_count) + " " +
                                now.status.wire());
                    }),
                "wait for the script task")
            .front();
    line.finish();

    for (const Script& script : task.list) {
      std::cout << "\n[" << script.script_id << "] " << script.title << "\n"
                << script.script << "\n";
    }
  });
}
