// The request-head parser, the response serializer and the WebSocket accept key.
#include "acd/net/http.h"

#include <gtest/gtest.h>

using namespace acd::net;

TEST(Http, AcceptKeyMatchesTheRfc6455Example)
{
    EXPECT_EQ(webSocketAcceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(Http, CompleteHeadIsParsedWithPathQueryAndHeaders)
{
    const std::string raw = "GET /agents?queue=sales HTTP/1.1\r\nHost: x\r\n"
                            "Connection: keep-alive, Upgrade\r\n\r\nBODY";
    HttpRequest request;
    std::size_t used = 0;
    std::string error;
    ASSERT_EQ(parseRequestHead(raw, 8192, request, used, error), HeadParse::Complete) << error;
    EXPECT_EQ(used, raw.size() - 4);
    EXPECT_EQ(request.method, "GET");
    EXPECT_EQ(request.path, "/agents");
    EXPECT_EQ(request.query, "queue=sales");
    EXPECT_EQ(request.version, "HTTP/1.1");
    EXPECT_EQ(request.header("host"), "x");
    EXPECT_TRUE(headerHasToken(request.header("CONNECTION"), "upgrade"));
    EXPECT_EQ(request.header("Missing"), "");
}

TEST(Http, PartialHeadIsIncompleteUntilTheBlankLine)
{
    HttpRequest request;
    std::size_t used = 0;
    std::string error;
    EXPECT_EQ(parseRequestHead("GET / HTTP/1.1\r\nHost: x\r\n", 8192, request, used, error),
              HeadParse::Incomplete);
}

TEST(Http, HeadWithoutBlankLineWithinTheLimitIsTooLarge)
{
    std::string raw = "GET / HTTP/1.1\r\nX-Fill: " + std::string(9000, 'a');
    HttpRequest request;
    std::size_t used = 0;
    std::string error;
    EXPECT_EQ(parseRequestHead(raw, 8192, request, used, error), HeadParse::TooLarge);
    EXPECT_EQ(error, "request head larger than 8192 bytes");
}

TEST(Http, GarbageIsBadAtTheFirstByte)
{
    HttpRequest request;
    std::size_t used = 0;
    std::string error;
    EXPECT_EQ(parseRequestHead(std::string("\x16\x03\x01", 3), 8192, request, used, error),
              HeadParse::Bad);
    EXPECT_EQ(parseRequestHead("GET /\r\n\r\n", 8192, request, used, error), HeadParse::Bad);
    EXPECT_EQ(parseRequestHead("GET / HTTP/2.0\r\n\r\n", 8192, request, used, error),
              HeadParse::Bad);
    EXPECT_EQ(parseRequestHead("GET / HTTP/1.1\r\nNoColon\r\n\r\n", 8192, request, used, error),
              HeadParse::Bad);
}

// Found by tests/fuzz/http_fuzz.cpp: a bare CR inside a header line was kept in its value.
TEST(Http, AHeaderLineWithABareCarriageReturnIsBad)
{
    HttpRequest request;
    std::size_t used = 0;
    std::string error;
    EXPECT_EQ(parseRequestHead("GET / HTTP/1.1\r\nHost: a\rX-Smuggled: 1\r\n\r\n", 8192, request,
                               used, error),
              HeadParse::Bad);
    EXPECT_EQ(error, "header line 'Host' has a control character");
}

TEST(Http, ControlCharactersInTheRequestLineOrAValueAreBadButTabsAreNot)
{
    HttpRequest request;
    std::size_t used = 0;
    std::string error;
    EXPECT_EQ(
        parseRequestHead(std::string("GET /a\0b HTTP/1.1\r\n\r\n", 21), 8192, request, used, error),
        HeadParse::Bad);
    EXPECT_EQ(error, "request line has a control character");
    EXPECT_EQ(parseRequestHead("GET / HTTP/1.1\r\nX-A: 1\x7f\r\n\r\n", 8192, request, used, error),
              HeadParse::Bad);
    ASSERT_EQ(parseRequestHead("GET / HTTP/1.1\r\nX-A: 1\t2\r\n\r\n", 8192, request, used, error),
              HeadParse::Complete);
    EXPECT_EQ(request.header("X-A"), "1\t2");
}

TEST(Http, ResponseHasLengthAndConnectionClose)
{
    HttpResponse response{404, "text/plain", "nope", {{"X-A", "1"}}};
    EXPECT_EQ(serializeResponse(response),
              "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n"
              "Connection: close\r\nX-A: 1\r\n\r\nnope");
}
