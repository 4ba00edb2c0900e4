/*
 * page_html.c - GENERATED from page.html by gen_page.py; DO NOT EDIT.
 * Edit page.html and run: python3 src/server/gen_page.py
 */
#include "handlers.h"

const char srv_page_html[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"en\"><head><meta charset=\"utf-8\"><title>vigil</title></head>\n"
	"<body><h1>vigil</h1></body></html>\n"
;
const size_t srv_page_html_len = sizeof(srv_page_html) - 1;
