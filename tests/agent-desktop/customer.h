#pragma once
// The caller in a test: a second TAPI application in the test process (libtapi shares the
// desktop's connection) that opens station 119 and calls the sales route point.
#include "tapi_link.h"

namespace desk::test {

class Customer {
public:
    /// Initializes against `endpoint` (the same one the desktop uses) and opens `station`.
    Customer(const Endpoint &endpoint, const QString &station = QStringLiteral("119"));
    ~Customer();
    bool ok() const { return m_line != 0; }
    /// lineMakeCall to `number`; true when the engine accepted the request.
    bool call(const QString &number);
    /// Hangs up the customer's call.
    void hangUp();
    /// The LINECALLSTATE_ of the customer's call as last reported (0 before any).
    DWORD state() const { return m_state; }

private:
    TapiLink m_link;
    HLINE m_line = 0;
    HCALL m_call = 0;
    DWORD m_state = 0;
    std::shared_ptr<HCALL> m_pending;
};

} // namespace desk::test
