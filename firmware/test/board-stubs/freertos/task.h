#pragma once
#include "FreeRTOS.h"

typedef void* TaskHandle_t;
typedef void (*TaskFunction_t)(void*);

extern "C" {
BaseType_t xTaskCreatePinnedToCore(TaskFunction_t pvTaskCode, const char* pcName, uint32_t usStackDepth,
                                   void* pvParameters, UBaseType_t uxPriority, TaskHandle_t* pvCreatedTask,
                                   BaseType_t xCoreID);
void vTaskDelay(TickType_t xTicksToDelay);
}
