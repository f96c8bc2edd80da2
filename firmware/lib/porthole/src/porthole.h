// Porthole's portable uploader core. One include for sketches; the parts live in porthole/.
#pragma once

#include "porthole/backoff.h"
#include "porthole/blinker.h"
#include "porthole/boot_guard.h"
#include "porthole/clock.h"
#include "porthole/control.h"
#include "porthole/control_outbox.h"
#include "porthole/debouncer.h"
#include "porthole/frame_age.h"
#include "porthole/frame_uploader.h"
#include "porthole/http_client.h"
#include "porthole/http_request.h"
#include "porthole/http_response.h"
#include "porthole/relay_url.h"
#include "porthole/transport.h"
#include "porthole/tus_requests.h"
#include "porthole/waves.h"
