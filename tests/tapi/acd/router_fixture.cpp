#include "router_fixture.h"

#include <dlfcn.h>

namespace acd::tapi::acdtest {

void RouterWithLaggingEvents::SetUp()
{
    providerPath = TSP_SIM_DELAYED_PATH;
    RouterFixture::SetUp();
    void *library = dlopen(TSP_SIM_DELAYED_PATH, RTLD_NOW | RTLD_NOLOAD);
    ASSERT_NE(library, nullptr) << "the provider is not loaded";
    m_hold = reinterpret_cast<void (*)(int)>(dlsym(library, "tspTestHold"));
    dlclose(library); // the loader's reference keeps it loaded
    ASSERT_NE(m_hold, nullptr);
}

} // namespace acd::tapi::acdtest
