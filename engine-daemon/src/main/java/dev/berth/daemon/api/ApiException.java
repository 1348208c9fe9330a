package dev.berth.daemon.api;

/** A failure answered with a given status and {@code {"message": ...}}, as dockerd answers errors. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException conflict(String message) {
        return new ApiException(409, message);
    }
}
