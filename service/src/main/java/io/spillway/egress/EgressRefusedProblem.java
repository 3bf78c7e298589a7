package io.spillway.egress;

import io.spillway.api.ApiException;
import org.springframework.http.HttpStatus;

/** A connection whose target the egress policy refuses: a 422 whose detail names the rule and how to lift it. */
public class EgressRefusedProblem extends ApiException {
    public EgressRefusedProblem(String detail) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, detail);
    }

    @Override
    public String title() {
        return "Refused by the egress policy";
    }
}
