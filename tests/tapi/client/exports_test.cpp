// Every TAPI function of tapi.h (line part and call-center part, A and W entry points, and
// the unsuffixed exports tapi32 keeps for the line functions) is exported by libtapi.so.
// The list is written by hand from tapi.h and the TAPI 2.2 documentation, on purpose.
#include <gtest/gtest.h>

#include <dlfcn.h>

namespace {

const char *const kLineFunctions[] = {
    "lineInitializeExA",
    "lineInitializeExW",
    "lineShutdown",
    "lineNegotiateAPIVersion",
    "lineGetDevCaps",
    "lineGetDevCapsA",
    "lineGetDevCapsW",
    "lineGetAddressCaps",
    "lineGetAddressCapsA",
    "lineGetAddressCapsW",
    "lineGetAddressStatus",
    "lineGetAddressStatusA",
    "lineGetAddressStatusW",
    "lineOpen",
    "lineOpenA",
    "lineOpenW",
    "lineClose",
    "lineGetMessage",
    "lineMakeCall",
    "lineMakeCallA",
    "lineMakeCallW",
    "lineDial",
    "lineDialA",
    "lineDialW",
    "lineAnswer",
    "lineDrop",
    "lineHold",
    "lineUnhold",
    "lineSwapHold",
    "lineBlindTransfer",
    "lineBlindTransferA",
    "lineBlindTransferW",
    "lineSetupTransfer",
    "lineSetupTransferA",
    "lineSetupTransferW",
    "lineCompleteTransfer",
    "lineRedirect",
    "lineRedirectA",
    "lineRedirectW",
    "lineGetCallInfo",
    "lineGetCallInfoA",
    "lineGetCallInfoW",
    "lineGetCallStatus",
    "lineGetNewCalls",
    "lineDeallocateCall",
    "lineSetStatusMessages",
    "lineGetID",
    "lineGetIDA",
    "lineGetIDW",
    "lineSetCallPrivilege",
    "lineSetCallData",
};

const char *const kCallCenterFunctions[] = {
    "lineAgentSpecific",
    "lineGetAgentActivityListA",
    "lineGetAgentActivityListW",
    "lineGetAgentCapsA",
    "lineGetAgentCapsW",
    "lineGetAgentGroupListA",
    "lineGetAgentGroupListW",
    "lineGetAgentStatusA",
    "lineGetAgentStatusW",
    "lineSetAgentActivity",
    "lineSetAgentGroup",
    "lineSetAgentState",
    "lineProxyMessage",
    "lineProxyResponse",
    "lineCreateAgentA",
    "lineCreateAgentW",
    "lineCreateAgentSessionA",
    "lineCreateAgentSessionW",
    "lineGetAgentInfo",
    "lineGetAgentSessionInfo",
    "lineGetAgentSessionList",
    "lineGetGroupListA",
    "lineGetGroupListW",
    "lineGetProxyStatus",
    "lineGetQueueInfo",
    "lineGetQueueListA",
    "lineGetQueueListW",
    "lineSetAgentMeasurementPeriod",
    "lineSetAgentSessionState",
    "lineSetAgentStateEx",
    "lineSetQueueMeasurementPeriod",
};

class LibTapiExports : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_library = ::dlopen(LIBTAPI_PATH, RTLD_NOW | RTLD_LOCAL);
        ASSERT_NE(m_library, nullptr) << ::dlerror();
    }
    void TearDown() override
    {
        if (m_library)
            ::dlclose(m_library);
    }
    void *m_library = nullptr;
};

} // namespace

TEST_F(LibTapiExports, ListsCoverThe51LineAnd31CallCenterEntryPoints)
{
    EXPECT_EQ(std::size(kLineFunctions), 51u);
    EXPECT_EQ(std::size(kCallCenterFunctions), 31u); // 23 functions, 8 of them A and W
}

TEST_F(LibTapiExports, EveryLineFunctionIsExported)
{
    for (const char *name : kLineFunctions)
        EXPECT_NE(::dlsym(m_library, name), nullptr) << name;
}

TEST_F(LibTapiExports, EveryCallCenterFunctionIsExported)
{
    for (const char *name : kCallCenterFunctions)
        EXPECT_NE(::dlsym(m_library, name), nullptr) << name;
}

TEST_F(LibTapiExports, InternalsAreNotExported)
{
    EXPECT_EQ(::dlsym(m_library, "_ZN3acd4tapi6client14currentBindingEv"), nullptr);
    EXPECT_EQ(::dlsym(m_library, "_ZN3acd4tapi10EngineLoop4postESt8functionIFvvEE"), nullptr);
}

TEST_F(LibTapiExports, ShutdownWithNothingAttachedReturnsInvalAppHandle)
{
    using Shutdown = std::int32_t (*)(std::uint32_t);
    auto shutdown = reinterpret_cast<Shutdown>(::dlsym(m_library, "lineShutdown"));
    ASSERT_NE(shutdown, nullptr);
    EXPECT_EQ(std::uint32_t(shutdown(0)), 0x80000014u);
}
