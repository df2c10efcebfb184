package dev.crosspt.fetch;

/** Short explanations of the HTTP error statuses a user is likely to meet while fetching. */
final class HttpStatusText {

    private HttpStatusText() {
    }

    /**
     * The status in words, to follow "HTTP 404" in a message.
     *
     * @param status an HTTP status
     * @return such as " (not found)", or "" for a status without a common meaning
     */
    static String of(int status) {
        return switch (status) {
            case 400 -> " (bad request)";
            case 401 -> " (unauthorized: the resource is private or needs a token)";
            case 403 -> " (forbidden: access is restricted)";
            case 404 -> " (not found)";
            case 410 -> " (gone)";
            case 416 -> " (range not satisfiable)";
            default -> "";
        };
    }
}
