#pragma once
typedef void* TaskHandle_t;
