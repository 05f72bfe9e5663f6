// scripts_custom: video scripts written from a prompt of your own (script_source CUSTOM).
//
//   scripts_custom ["PROMPT"]   default: a prompt about trail running shoes; the mock starts
//                               in-process unless TIKTOK_ACCESS_TOKEN is set
//
// Create a CUSTOM script task for two scripts -> wait -> print them.

#include <iostream>
#include <string>
#include <vector>

#include "example_support.hpp"

using namespace tiktok_aigc;
using example::or_exit;

int main(int argc, char** argv) {
  return example::run([&] {
    example::Backend backend = example::connect();
    Client client(backend.options);

    CreateScriptTaskRequest request;
    request.script_source = ScriptSource::custom();
    // At most 3000 characters. CUSTOM takes no video_duration and no script_info: the prompt
    // says what the script should be. The client checks such rules before sending, and
    // answers them with the API's own code (40002) and message.
    request.custom_prompt =
        argc > 1 ? argv[1]
                 : "A 20-second video script for trail running shoes that grip on wet rock, "
                   "told by a runner on a rainy morning. Upbeat, with a call to action.";
    request.script_generation_count = 2;

    const CreatedScriptTask created =
        or_exit(client.create_script_task(request), "script task create");
    std::cout << "script task " << created.task_id << " for the prompt:\n  "
              << *request.custom_prompt << "\n";

    example::ProgressLine line;
    const ScriptTask task = or_exit(client.wait_for_script_task(
                                        created.task_id, backend.wait,
                                        [&](const ScriptTask& now) {
                                          line.show("scripts: " + std::to_string(now.list.size()) +
                                                    "/2 " + now.status.wire());
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
