package io.wadesk.archive.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The managers' archive; search, transcripts and KPIs arrive with the archive issue. */
@Controller
class ArchiveController {

    @GetMapping("/archive")
    String archive() {
        return "archive/index";
    }
}
