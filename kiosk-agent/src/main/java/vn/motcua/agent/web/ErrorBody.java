package vn.motcua.agent.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every error the local API returns. {@code field} names the request field at fault, when there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String field, String message) {
}
