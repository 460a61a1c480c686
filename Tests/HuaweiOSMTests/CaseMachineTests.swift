import Testing
@testable import HuaweiOSM

// huawei-osm.md §7: the transition table, as values.
@Suite struct CaseMachineTests {
    @Test func customerActionsOnOpenCases() {
        for status in CaseStatus.open {
            #expect(CaseMachine.apply(.cancel, to: status) == .success(.moveTo(.cancelled)))
            #expect(CaseMachine.apply(.close, to: status) == .success(.moveTo(.completed)))
            #expect(CaseMachine.apply(.press, to: status) == .success(.unchanged))
            #expect(CaseMachine.apply(.delete, to: status) == .failure(.operationFailed))
        }
        #expect(CaseMachine.apply(.delete, to: .paused) == .failure(.operationFailed))
    }

    @Test func finishedCasesCanOnlyBeDeleted() {
        for status in CaseStatus.finished {
            #expect(CaseMachine.apply(.delete, to: status) == .success(.remove))
            for event in [CaseEvent.cancel, .close, .press, .customerMessage] {
                #expect(CaseMachine.apply(event, to: status) == .failure(.operationFailed))
            }
        }
    }

    @Test func scoringNeedsACompletedCase() {
        #expect(CaseMachine.apply(.score, to: .completed) == .success(.unchanged))
        #expect(CaseMachine.apply(.score, to: .processing) == .failure(.operationFailed))
    }

    @Test func engineerSide() {
        #expect(CaseMachine.apply(.accept, to: .pending) == .success(.moveTo(.processing)))
        #expect(CaseMachine.apply(.accept, to: .processing) == .failure(.operationFailed))
        #expect(CaseMachine.apply(.reply(.awaitingFeedback), to: .processing) == .success(.moveTo(.awaitingFeedback)))
        #expect(CaseMachine.apply(.reply(.awaitingConfirmation), to: .processing) == .success(.moveTo(.awaitingConfirmation)))
        #expect(CaseMachine.apply(.reply(.awaitingFeedback), to: .pending) == .failure(.operationFailed))
        #expect(CaseMachine.apply(.propose, to: .processing) == .success(.moveTo(.awaitingConfirmation)))
        #expect(CaseMachine.apply(.complete, to: .awaitingConfirmation) == .success(.moveTo(.completed)))
        #expect(CaseMachine.apply(.pause, to: .processing) == .success(.moveTo(.paused)))
        #expect(CaseMachine.apply(.resume, to: .paused) == .success(.moveTo(.processing)))
        #expect(CaseMachine.apply(.invalidate, to: .pending) == .success(.moveTo(.invalid)))
        #expect(CaseMachine.apply(.setStatus(.completed), to: .completed) == .success(.unchanged))
    }

    @Test func customerMessageWakesAWaitingCase() {
        #expect(CaseMachine.apply(.customerMessage, to: .awaitingFeedback) == .success(.moveTo(.processing)))
        #expect(CaseMachine.apply(.customerMessage, to: .processing) == .success(.unchanged))
    }

    @Test func statusCodesAreTheVendors() {
        #expect(CaseStatus.allCases.map(\.code) == [0, 1, 2, 3, 4, 5, 12, 17])
        #expect(CaseStatus(code: 6) == nil)
    }
}
