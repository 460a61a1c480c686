#ifndef TICKETMOCK_CLIBEVENT_SHIM_H
#define TICKETMOCK_CLIBEVENT_SHIM_H
// The event2 headers use fd_set, timeval and sockaddr without including their headers.
#include <sys/types.h>
#include <sys/time.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <event2/event.h>
#include <event2/thread.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>
#include <event2/util.h>
#endif
